package io.samsa.client.testing;

import io.samsa.broker.storage.MetaProperties;
import io.samsa.protocol.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Samsa broker's main class in a child JVM ({@link SamsaBrokerLauncher} on the test class path)
 * on 127.0.0.1 with a fixed free port and a temporary data directory, so that it can be killed with
 * SIGKILL and started again on the same data and port ({@link RestartableBroker}).
 *
 * <p>Settings as {@link SamsaBrokerUnderTest}'s: node id 1, one partition per new topic, one
 * offsets-topic partition, no initial rebalance delay. Output of every run is appended to
 * {@code samsa.log} in the temporary directory and quoted when a start fails. Start, kill, restart and
 * close from one thread.
 */
final class SamsaBrokerProcess implements RestartableBroker {
    private static final int NODE_ID = 1;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String STARTED_LINE = "Samsa broker started on";

    private final Path dir;
    private final int port;
    private final List<String> command;
    private Process process;
    private int starts;

    private SamsaBrokerProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.command = command(dir, port);
    }

    static SamsaBrokerProcess start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("samsa-broker-process-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SamsaBrokerProcess broker = new SamsaBrokerProcess(dir, ChildProcesses.freePort());
        try {
            broker.launch(START_TIMEOUT);
            return broker;
        } catch (RuntimeException | Error e) {
            broker.close();
            throw e;
        }
    }

    private static List<String> command(Path dir, int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1"); // quicker start for a short-lived JVM
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(SamsaBrokerLauncher.class.getName());
        for (String setting : List.of("node.id=" + NODE_ID, "listeners=PLAINTEXT://127.0.0.1:" + port,
                "log.dirs=" + dir.resolve("data"), "num.partitions=1", "offsets.topic.num.partitions=1",
                "group.initial.rebalance.delay.ms=0")) {
            command.add("--override");
            command.add(setting);
        }
        return List.copyOf(command);
    }

    /** Starts the child and waits for one more started line in the log than before. */
    private void launch(Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        builder.environment().put("CLASSPATH", "");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        int expectedStarts = ++starts;
        try {
            Await.until(timeout, "the Samsa broker to start", () -> !process.isAlive()
                || startedLines() >= expectedStarts && ChildProcesses.portAnswers(port));
        } catch (AssertionError e) {
            throw new IllegalStateException("the Samsa broker did not start\n--- samsa.log tail ---\n" + ChildProcesses.logTail(logFile()), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("the Samsa broker exited with code " + process.exitValue()
                + "\n--- samsa.log tail ---\n" + ChildProcesses.logTail(logFile()));
        }
    }

    private long startedLines() {
        try {
            return Files.readAllLines(logFile(), StandardCharsets.UTF_8).stream().filter(l -> l.contains(STARTED_LINE)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0; // not written yet, or a partial line: asked again
        }
    }

    Path logFile() {
        return dir.resolve("samsa.log");
    }

    @Override
    public void kill() {
        ChildProcesses.kill(process, "Samsa broker");
    }

    @Override
    public void restart(Duration timeout) {
        if (process.isAlive()) {
            throw new IllegalStateException("the Samsa broker is still running; kill it first");
        }
        try {
            launch(timeout);
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    @Override
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int nodeId() {
        return NODE_ID;
    }

    @Override
    public String clusterId() {
        return MetaProperties.loadOrCreateClusterId(dir.resolve("data"), NODE_ID);
    }

    @Override
    public String name() {
        return "samsa";
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 10 s) and deletes its data; never throws. */
    @Override
    public void close() {
        try {
            if (process != null) {
                ChildProcesses.stop(process);
            }
        } finally {
            KafkaBroker.deleteRecursively(dir);
        }
    }

    @Override
    public String toString() {
        return "SamsaBrokerProcess(" + bootstrapServers() + ", dir " + dir + ")";
    }
}
