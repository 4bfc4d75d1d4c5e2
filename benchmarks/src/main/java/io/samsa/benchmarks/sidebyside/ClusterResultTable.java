package io.samsa.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders the cluster mode's results as a Markdown table: one metric a line with the Samsa/Kafka
 * ratio and the target. Stateless.
 */
final class ClusterResultTable {
    private static final double MIB = 1024.0 * 1024.0;

    /** One line: how to read it from a result (null when not measured), its format and its target. */
    private record Metric(String name, Function<ClusterRunResult, Double> value, String format, String target) {
    }

    private static final List<Metric> METRICS = List.of(
        new Metric("produce records/s (ProducerPerformance, acks=all)",
            r -> r.produce() == null ? null : r.produce().recordsPerSec(), "%.0f", ">= 1.0x"),
        new Metric("produce MB/s", r -> r.produce() == null ? null : r.produce().megabytesPerSec(), "%.2f", ">= 1.0x"),
        new Metric("produce latency avg ms (send->ack)", r -> r.produce() == null ? null : r.produce().avgLatencyMs(),
            "%.1f", "lower is better"),
        new Metric("produce latency p99 ms (send->ack)",
            r -> r.produce() == null ? null : (double) r.produce().p99LatencyMs(), "%.0f", "lower is better"),
        new Metric("e2e latency p50 ms (acks=all, paced)",
            r -> r.endToEnd() == null ? null : (double) r.endToEnd().p50Ms(), "%.0f", "lower is better"),
        new Metric("e2e latency p99 ms (acks=all, paced)",
            r -> r.endToEnd() == null ? null : (double) r.endToEnd().p99Ms(), "%.0f", "<= 1.0x"),
        new Metric("failover ms, kill -9 of the leader -> next ack (median)", ClusterRunResult::medianFailoverMs,
            "%.0f", "<= 1.0x"),
        new Metric("all nodes' peak RSS MiB (VmHWM, summed) after produce, latency",
            r -> r.memory() == null ? null : r.memory().peakRssBytes() / MIB, "%.0f", "<= 0.5x"),
        new Metric("all nodes' RSS MiB (VmRSS, summed) then",
            r -> r.memory() == null ? null : r.memory().rssBytes() / MIB, "%.0f", "lower is better"));

    private ClusterResultTable() {
    }

    static String render(ClusterRunResult samsa, ClusterRunResult kafka) {
        List<String> lines = new ArrayList<>();
        lines.add("| metric | Samsa | Kafka | Samsa/Kafka | target |");
        lines.add("|---|---:|---:|---:|---|");
        for (Metric metric : METRICS) {
            Double samsaValue = samsa == null ? null : metric.value().apply(samsa);
            Double kafkaValue = kafka == null ? null : metric.value().apply(kafka);
            String ratio = samsaValue != null && kafkaValue != null && kafkaValue != 0
                ? String.format(Locale.ROOT, "%.2fx", samsaValue / kafkaValue) : "-";
            lines.add("| " + metric.name() + " | " + cell(samsa, samsaValue, metric) + " | " + cell(kafka, kafkaValue, metric)
                + " | " + ratio + " | " + metric.target() + " |");
        }
        for (ClusterRunResult result : new ClusterRunResult[] {samsa, kafka}) {
            if (result != null && !result.ok()) {
                lines.add("");
                lines.add(result.cluster() + " failed: " + result.failure());
            }
            if (result != null && !result.failovers().isEmpty()) {
                lines.add("");
                lines.add(result.cluster() + " failovers: " + result.failovers());
            }
        }
        return String.join("\n", lines);
    }

    private static String cell(ClusterRunResult result, Double value, Metric metric) {
        if (result == null) {
            return "not run";
        }
        if (value == null) {
            return result.ok() ? "skipped" : "failed";
        }
        return String.format(Locale.ROOT, metric.format(), value);
    }
}
