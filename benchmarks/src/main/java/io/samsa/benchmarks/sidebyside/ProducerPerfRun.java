package io.samsa.benchmarks.sidebyside;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Kafka's own {@code org.apache.kafka.tools.ProducerPerformance} (kafka-tools 4.1) against one
 * broker, in a child JVM of its own so the load generator never shares a heap or JIT with this
 * harness: {@code --throughput -1 --producer-props acks=1}, the rest at kafka-clients defaults.
 *
 * <p>Stateless.
 */
final class ProducerPerfRun {
    private static final String MAIN_CLASS = "org.apache.kafka.tools.ProducerPerformance";
    private static final List<String> CLIENT_JVM_ARGS = List.of("-Xmx1g", "-XX:+UseG1GC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    private ProducerPerfRun() {
    }

    /** @throws IllegalStateException with the tool's output when it fails or prints no summary */
    static ProducerPerfResult run(String bootstrapServers, String topic, long records, int recordSizeBytes, long timeoutSeconds) {
        List<String> args = List.of("--topic", topic, "--num-records", Long.toString(records),
            "--record-size", Integer.toString(recordSizeBytes), "--throughput", "-1",
            "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=1");
        Path output = null;
        try {
            output = Files.createTempFile("producer-perf-", ".log");
            Process process = new ProcessBuilder(ChildJvm.command(CLIENT_JVM_ARGS, MAIN_CLASS, args))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                ChildJvm.stop(process, 5);
                throw new IllegalStateException("ProducerPerformance did not finish in " + timeoutSeconds + " s\n"
                    + ChildJvm.tail(output, 30));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            ProducerPerfResult result = ProducerPerfResult.parse(text);
            if (process.exitValue() != 0 || result == null || result.records() != records) {
                throw new IllegalStateException("ProducerPerformance failed (exit " + process.exitValue() + ")\n"
                    + ChildJvm.tail(output, 30));
            }
            return result;
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
