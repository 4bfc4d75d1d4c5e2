package io.samsa.benchmarks.sidebyside;

import java.util.List;

/**
 * Runs Kafka's own {@code org.apache.kafka.tools.ProducerPerformance} (kafka-tools 4.1) against one
 * broker, in a child JVM ({@link ToolRun}): {@code --throughput -1 --producer-props acks=1}, the rest
 * at kafka-clients defaults.
 *
 * <p>Stateless.
 */
final class ProducerPerfRun {
    private static final String MAIN_CLASS = "org.apache.kafka.tools.ProducerPerformance";

    private ProducerPerfRun() {
    }

    /** @throws IllegalStateException with the tool's output when it fails or prints no summary */
    static ProducerPerfResult run(String bootstrapServers, String topic, long records, int recordSizeBytes, long timeoutSeconds) {
        return run(bootstrapServers, topic, records, recordSizeBytes, "1", timeoutSeconds);
    }

    /** The same with {@code acks} ("1" or "all", the cluster mode's). */
    static ProducerPerfResult run(String bootstrapServers, String topic, long records, int recordSizeBytes, String acks,
                                  long timeoutSeconds) {
        List<String> args = List.of("--topic", topic, "--num-records", Long.toString(records),
            "--record-size", Integer.toString(recordSizeBytes), "--throughput", "-1",
            "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=" + acks);
        ToolRun.Output output = ToolRun.run(MAIN_CLASS, args, timeoutSeconds);
        ProducerPerfResult result = ProducerPerfResult.parse(output.text());
        if (output.exitCode() != 0 || result == null || result.records() != records) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + output.exitCode() + ")\n" + output.tail());
        }
        return result;
    }
}
