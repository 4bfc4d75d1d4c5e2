package io.samsa.broker.interop.groups;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An external client (kcat, a Python script, a child JVM) running alongside the test: its stdout
 * lines are collected as they arrive so the test can watch progress while it runs, stderr is kept
 * for failure messages. {@link #close} kills it if still alive, so a failed test leaves nothing behind.
 * Unlike {@code io.samsa.broker.interop.ToolProcess} (package-private, run-to-completion), this one
 * is for long-running group members the test stops itself.
 *
 * <p>Thread-safe for reading output; start, kill and close belong to the test thread.
 */
final class RunningProcess implements AutoCloseable {
    /** The Debian interpreter that has python3-kafka and python3-confluent-kafka; the pyenv python on PATH has neither. */
    static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    private final List<String> command;
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread outReader;
    private final Thread errReader;

    private RunningProcess(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.outReader = drain(process.getInputStream(), line -> {
            synchronized (stdout) {
                stdout.add(line);
            }
        });
        this.errReader = drain(process.getErrorStream(), line -> {
            synchronized (stderr) {
                stderr.append(line).append('\n');
            }
        });
    }

    /** Starts {@code command} with {@code env} added to this JVM's environment; stdin is closed at once. */
    static RunningProcess start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        RunningProcess running = new RunningProcess(List.copyOf(command), builder.start());
        running.process.getOutputStream().close();
        return running;
    }

    /** Starts {@code main} in a child JVM on this test's class path. */
    static RunningProcess startJvm(Class<?> main, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return start(command, Map.of());
    }

    /** @return /usr/bin/python3 after checking it imports {@code module}; fails with the package to install */
    static Path systemPython(String module, String debianPackage) throws Exception {
        if (!Files.isExecutable(SYSTEM_PYTHON)) {
            throw new AssertionError(SYSTEM_PYTHON + " is missing: apt-get install -y python3 " + debianPackage);
        }
        try (RunningProcess probe = start(List.of(SYSTEM_PYTHON.toString(), "-c", "import " + module), Map.of())) {
            if (probe.awaitExit(Duration.ofSeconds(30)) != 0) {
                throw new AssertionError(SYSTEM_PYTHON + " cannot import " + module + ": apt-get install -y " + debianPackage
                        + "\n" + probe.describe());
            }
        }
        return SYSTEM_PYTHON;
    }

    /** @return the executable {@code name} on PATH; fails with the package to install */
    static Path onPath(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " is not installed: apt-get install -y " + debianPackage);
    }

    /** @return a copy of the stdout lines read so far */
    List<String> lines() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit and its output to be read; kills it and fails at the deadline. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("did not finish within " + timeout + ": " + describe());
        }
        outReader.join(TimeUnit.SECONDS.toMillis(10));
        errReader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** SIGKILL, as {@code kill -9}: the process gets no chance to leave its group. */
    void killForcibly() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** @return the command and everything it printed, for failure messages */
    String describe() {
        String err;
        synchronized (stderr) {
            err = stderr.toString();
        }
        return command + (process.isAlive() ? " (running)" : " exited " + process.exitValue())
                + "\nstdout:\n" + String.join("\n", lines()) + "\nstderr:\n" + err;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                killForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread drain(InputStream from, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The process was killed; the lines read so far are kept.
            }
        }, "process-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
