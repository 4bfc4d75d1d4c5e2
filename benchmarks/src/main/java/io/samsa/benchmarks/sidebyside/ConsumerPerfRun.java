package io.samsa.benchmarks.sidebyside;

import java.util.Arrays;
import java.util.List;

/**
 * Reads a topic from the beginning with Kafka's own {@code org.apache.kafka.tools.ConsumerPerformance}
 * (kafka-tools 4.1) in a child JVM ({@link ToolRun}): a group consumer ({@code --group}, subscribe,
 * {@code auto.offset.reset=earliest}) that stops after {@code --messages} records, kafka-clients
 * defaults otherwise.
 *
 * <p>The tool prints a header line of column names and one line of values. Its {@code nMsg.sec} and
 * {@code MB.sec} are over the whole run, group join included; {@code rebalance.time.ms} is the join
 * alone. MB is 2^20 bytes of keys and values (the records here have no keys).
 *
 * <p>Stateless.
 */
final class ConsumerPerfRun {
    private static final String MAIN_CLASS = "org.apache.kafka.tools.ConsumerPerformance";
    private static final String HEADER_START = "start.time";

    private ConsumerPerfRun() {
    }

    /**
     * @param stallTimeoutMs ConsumerPerformance's {@code --timeout}: the longest wait for a record
     * @throws IllegalStateException with the tool's output when it fails or reads too few records
     */
    static ConsumeResult run(String bootstrapServers, String topic, String group, long records, long stallTimeoutMs,
                             long timeoutSeconds) {
        List<String> args = List.of("--bootstrap-server", bootstrapServers, "--topic", topic,
            "--messages", Long.toString(records), "--group", group, "--timeout", Long.toString(stallTimeoutMs));
        ToolRun.Output output = ToolRun.run(MAIN_CLASS, args, timeoutSeconds);
        ConsumeResult result = output.exitCode() == 0 ? parse(output.text()) : null;
        if (result == null || result.records() < records) {
            throw new IllegalStateException("ConsumerPerformance failed (exit " + output.exitCode() + ")\n" + output.tail());
        }
        return result;
    }

    /** @return the result in ConsumerPerformance's output, or null when it has no result line */
    static ConsumeResult parse(String output) {
        String[] lines = output.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (!lines[i].trim().startsWith(HEADER_START)) {
                continue;
            }
            List<String> columns = Arrays.stream(lines[i].split(",")).map(String::trim).toList();
            List<String> values = Arrays.stream(lines[i + 1].split(",")).map(String::trim).toList();
            if (values.size() != columns.size()) {
                return null;
            }
            long records = Long.parseLong(values.get(columns.indexOf("data.consumed.in.nMsg")));
            double megabytes = Double.parseDouble(values.get(columns.indexOf("data.consumed.in.MB")));
            double recordsPerSec = Double.parseDouble(values.get(columns.indexOf("nMsg.sec")));
            long elapsedNanos = recordsPerSec <= 0 ? 0 : (long) (records / recordsPerSec * 1e9);
            return new ConsumeResult(records, (long) (megabytes * 1024 * 1024), elapsedNanos);
        }
        return null;
    }
}
