package io.samsa.broker.testing;

import io.samsa.protocol.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker in a child JVM (the same java as the tests), its output collected line by line. Used to
 * test the main class and the shaded jar end to end: start line, SIGTERM, exit status.
 *
 * <p>{@link #close} kills the process if it is still running. Not thread-safe.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile("Samsa broker started on (\\S+):(\\d+)");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private BrokerProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "broker-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code java -cp <test classpath> io.samsa.broker.SamsaBroker args...}. */
    public static BrokerProcess startMainClass(List<String> args) throws IOException {
        List<String> command = javaCommand();
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.samsa.broker.SamsaBroker");
        command.addAll(args);
        return start(command);
    }

    /** Runs {@code java -jar jar args...}. */
    public static BrokerProcess startJar(Path jar, List<String> args) throws IOException {
        List<String> command = javaCommand();
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return start(command);
    }

    private static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1"); // quicker start for a short-lived JVM
        return command;
    }

    private static BrokerProcess start(List<String> command) throws IOException {
        return new BrokerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("<output read failed: " + e + ">");
        }
    }

    /** Waits for the started line and returns the bound port. */
    public int awaitStarted(Duration timeout) {
        Await.until(timeout, "the started line; output so far: " + lines, () -> startedPort().isPresent() || !process.isAlive());
        return startedPort().orElseThrow(() -> new AssertionError("broker exited without starting: " + lines));
    }

    private Optional<Integer> startedPort() {
        for (String line : lines) {
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                return Optional.of(Integer.parseInt(m.group(2)));
            }
        }
        return Optional.empty();
    }

    /**
     * Sends SIGTERM and waits for the exit status. Uses the process handle: {@code Process.destroy()}
     * would also close the output pipe and lose the shutdown log lines.
     */
    public int terminate(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    /** Waits for the process to exit on its own. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("broker did not exit within " + timeout + "; output: " + lines);
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** @return every output line so far (stdout and stderr merged) */
    public List<String> output() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
