package io.samsa.benchmarks.sidebyside;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Samsa broker ({@code io.samsa.broker.SamsaBroker}) in a child JVM, listening on an ephemeral
 * port of 127.0.0.1 with a fresh temporary {@code log.dirs}.
 *
 * <p>The port is read from the broker's {@code Samsa broker started on 127.0.0.1:<port>} line, so
 * there is no window between picking a free port and binding it. A daemon thread copies the child's
 * output to {@code samsa.log} in the temporary directory (the child would block on a full pipe
 * otherwise); that file is quoted when the start fails.
 *
 * <p>Start and close from one thread.
 */
public final class SamsaBrokerProcess implements BrokerProcess {
    private static final String MAIN_CLASS = "io.samsa.broker.SamsaBroker";
    private static final Pattern STARTED = Pattern.compile("Samsa broker started on .*?127\\.0\\.0\\.1:(\\d+)");

    private final Path dir;
    private final Process process;
    private final int port;
    private final List<String> jvmArgs;
    private final Map<String, String> settings;

    private SamsaBrokerProcess(Path dir, Process process, int port, List<String> jvmArgs, Map<String, String> settings) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.settings = Map.copyOf(settings);
    }

    /**
     * Starts the broker and waits for its start line.
     *
     * @param settings broker settings passed as {@code --override key=value}
     * @throws IllegalStateException with the log's tail when the broker does not come up
     */
    public static SamsaBrokerProcess start(List<String> jvmArgs, Map<String, String> settings, Duration timeout) {
        Path dir = ChildJvm.tempDir("samsa-bench-");
        Path log = dir.resolve("samsa.log");
        List<String> args = new ArrayList<>();
        override(args, "listeners", "PLAINTEXT://127.0.0.1:0");
        override(args, "log.dirs", dir.resolve("data").toString());
        settings.forEach((key, value) -> override(args, key, value));
        Process process = null;
        try {
            process = new ProcessBuilder(ChildJvm.command(jvmArgs, MAIN_CLASS, args))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
            CompletableFuture<Integer> started = copyOutput(process, log);
            int port = started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new SamsaBrokerProcess(dir, process, port, jvmArgs, settings);
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            return failed(dir, log, process, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(dir, log, process, e);
        }
    }

    private static SamsaBrokerProcess failed(Path dir, Path log, Process process, Exception cause) {
        String tail = ChildJvm.tail(log, 40);
        if (process != null) {
            process.destroyForcibly();
        }
        ChildJvm.deleteRecursively(dir);
        throw new IllegalStateException("Samsa broker did not start (" + cause + ")\n--- samsa.log tail ---\n" + tail, cause);
    }

    private static void override(List<String> args, String key, String value) {
        args.add("--override");
        args.add(key + "=" + value);
    }

    /** @return completes with the port when the start line appears; fails if the output ends first */
    private static CompletableFuture<Integer> copyOutput(Process process, Path log) {
        CompletableFuture<Integer> started = new CompletableFuture<>();
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line);
                    out.write('\n');
                    Matcher matcher = STARTED.matcher(line);
                    if (!started.isDone() && matcher.find()) {
                        out.flush();
                        started.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
                started.completeExceptionally(new IllegalStateException("the Samsa process exited before its start line"));
            } catch (IOException e) {
                started.completeExceptionally(new UncheckedIOException(e));
            }
        }, "samsa-broker-output");
        copier.setDaemon(true);
        copier.start();
        return started;
    }

    @Override
    public String name() {
        return "Samsa";
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** Starts a new process with the same settings; it listens on a new port. */
    @Override
    public BrokerProcess restart(Duration timeout) {
        if (!settings.containsKey("log.dirs")) {
            throw new IllegalStateException("restart needs log.dirs in the settings: the default is deleted on close");
        }
        return start(jvmArgs, settings, timeout);
    }

    @Override
    public void close() {
        ChildJvm.stop(process, 15);
        ChildJvm.deleteRecursively(dir);
    }
}
