package io.samsa.broker.testing;

import io.samsa.protocol.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One node of a {@link SamsaCluster}: {@code io.samsa.broker.SamsaBroker --override key=value...} in
 * a child JVM (the tests' java and classpath), its stdout and stderr appended to a log file that
 * outlives the process, so a kill -9 keeps every line and a restart appends to the same file.
 *
 * <p>Not thread-safe: the test thread starts, stops and restarts it.
 */
final class ClusterNodeProcess implements AutoCloseable {
    /** The line {@code SamsaBroker} logs once the broker serves (for a cluster node: once the quorum has a majority). */
    static final Pattern STARTED = Pattern.compile("Samsa broker started on (\\S+):(\\d+)");
    private static final int TAIL_LINES = 80;

    private final int nodeId;
    private final Path logFile;
    private final List<String> command;
    private Process process;
    private long launchOffset;

    private ClusterNodeProcess(int nodeId, Path logFile, List<String> command) {
        this.nodeId = nodeId;
        this.logFile = logFile;
        this.command = List.copyOf(command);
    }

    /** Launches the node without waiting for its start line ({@link #awaitStarted}). */
    static ClusterNodeProcess launch(int nodeId, Path logFile, List<String> jvmOptions, Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.samsa.broker.SamsaBroker");
        settings.forEach((key, value) -> {
            command.add("--override");
            command.add(key + "=" + value);
        });
        ClusterNodeProcess node = new ClusterNodeProcess(nodeId, logFile, command);
        node.launch();
        return node;
    }

    /** Starts the same command again (same data directory and ports), appending to the same log file. */
    void relaunch() {
        if (isAlive()) {
            throw new IllegalStateException("node " + nodeId + " is still running (pid " + process.pid() + ")");
        }
        launch();
    }

    private void launch() {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "==== launching node " + nodeId + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            launchOffset = Files.size(logFile);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch node " + nodeId, e);
        }
    }

    int nodeId() {
        return nodeId;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** Waits for this launch's start line; fails with the log tail when the node exits or the deadline passes. */
    void awaitStarted(Duration timeout) {
        try {
            Await.until(timeout, "node " + nodeId + "'s start line", () -> started() || !process.isAlive());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + tail(), e);
        }
        if (!started()) {
            throw new AssertionError("node " + nodeId + " exited with " + process.exitValue() + " before starting\n" + tail());
        }
    }

    private boolean started() {
        return linesOfThisLaunch().stream().anyMatch(line -> STARTED.matcher(line).find());
    }

    /** @return the lines this launch of the process has written so far */
    List<String> linesOfThisLaunch() {
        try {
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(launchOffset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9: the process gets no chance to flush or close anything. Waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        awaitGone(Duration.ofSeconds(30));
    }

    /**
     * SIGTERM (through the process handle, as {@link BrokerProcess#terminate}) and waits for the exit status.
     *
     * @return the exit status
     */
    int terminate(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("node " + nodeId + " did not exit within " + timeout + " of SIGTERM\n" + tail());
        }
        return process.exitValue();
    }

    private void awaitGone(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("node " + nodeId + " still alive " + timeout + " after kill -9");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for node " + nodeId + " to exit", e);
        }
    }

    /** @return the last lines of the log file, headed by the node and its file */
    String tail() {
        try {
            List<String> lines = Files.exists(logFile) ? Files.readAllLines(logFile, StandardCharsets.UTF_8) : List.of();
            List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return "---- node " + nodeId + " (" + logFile + ", last " + last.size() + " of " + lines.size() + " lines)\n"
                    + String.join("\n", last);
        } catch (IOException | UncheckedIOException e) {
            return "---- node " + nodeId + ": cannot read " + logFile + ": " + e;
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
