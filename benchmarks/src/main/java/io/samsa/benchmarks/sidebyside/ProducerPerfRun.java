package io.samsa.benchmarks.sidebyside;

import java.util.List;

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
        ChildJvm.Finished finished = ChildJvm.runToCompletion(ChildJvm.command(CLIENT_JVM_ARGS, MAIN_CLASS, args), timeoutSeconds,
            "ProducerPerformance");
        ProducerPerfResult result = ProducerPerfResult.parse(finished.output());
        if (finished.exitCode() != 0 || result == null || result.records() != records) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + finished.exitCode() + ")\n" + finished.tail(30));
        }
        return result;
    }
}
