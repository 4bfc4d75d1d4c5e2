package io.samsa.broker.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One external client process (kcat, python, a child JVM) run to completion under a deadline:
 * optional stdin, stdout and stderr collected separately. {@link #close} kills it if still alive,
 * so a test that fails half-way leaves nothing running.
 *
 * <p>Not thread-safe: one test drives one instance.
 */
final class ToolProcess implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread outReader;
    private final Thread errReader;

    private ToolProcess(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.outReader = drain(process.getInputStream(), stdout, "tool-stdout");
        this.errReader = drain(process.getErrorStream(), stderr, "tool-stderr");
    }

    /** Starts {@code command} in {@code workDir} (or the current directory when null). */
    static ToolProcess start(List<String> command, Path workDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        return new ToolProcess(List.copyOf(command), builder.start());
    }

    /** Runs {@code command}, feeding {@code stdin}, and waits for it to exit; kills it at the deadline. */
    static Result run(List<String> command, byte[] stdin, Duration timeout) throws IOException, InterruptedException {
        try (ToolProcess tool = start(command, null)) {
            tool.writeStdin(stdin);
            return tool.awaitExit(timeout);
        }
    }

    /** Writes all of {@code bytes} to the process and closes its stdin (end of input). */
    void writeStdin(byte[] bytes) throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.write(bytes);
        }
    }

    /** Waits for exit; on timeout kills the process and fails with everything it printed. */
    Result awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("did not finish within " + timeout + ": " + command
                    + "\nstdout:\n" + text(stdout) + "\nstderr:\n" + text(stderr));
        }
        outReader.join(TimeUnit.SECONDS.toMillis(10));
        errReader.join(TimeUnit.SECONDS.toMillis(10));
        return new Result(command, process.exitValue(), text(stdout), text(stderr));
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

    private static Thread drain(InputStream from, ByteArrayOutputStream to, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // The process was killed; what was read so far is kept.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** How a finished process ended and what it printed. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** @return this result, or an AssertionError with the whole output when the exit code is not 0 */
        Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(this.toString());
            }
            return this;
        }

        /** @return stdout split into non-empty lines */
        List<String> lines() {
            return stdout.lines().filter(line -> !line.isEmpty()).toList();
        }

        @Override
        public String toString() {
            return command + " exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
