package io.samsa.benchmarks.sidebyside;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of Kafka's command-line tools (kafka-tools 4.1: ProducerPerformance, ConsumerPerformance)
 * in a child JVM of its own, so the load generator never shares a heap or JIT with this harness, and
 * returns what it printed.
 *
 * <p>Stateless.
 */
final class ToolRun {
    private static final List<String> CLIENT_JVM_ARGS = List.of("-Xmx1g", "-XX:+UseG1GC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    /** What the tool printed (stdout and stderr merged) and its exit code. */
    record Output(String text, int exitCode, String tail) {
    }

    private ToolRun() {
    }

    /** @throws IllegalStateException with the output's tail when the tool does not exit in time */
    static Output run(String mainClass, List<String> args, long timeoutSeconds) {
        String tool = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        Path output = null;
        try {
            output = Files.createTempFile(tool + "-", ".log");
            Process process = new ProcessBuilder(ChildJvm.command(CLIENT_JVM_ARGS, mainClass, args))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                ChildJvm.stop(process, 5);
                throw new IllegalStateException(tool + " did not finish in " + timeoutSeconds + " s\n"
                    + ChildJvm.tail(output, 30));
            }
            return new Output(Files.readString(output, StandardCharsets.UTF_8), process.exitValue(), ChildJvm.tail(output, 30));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
