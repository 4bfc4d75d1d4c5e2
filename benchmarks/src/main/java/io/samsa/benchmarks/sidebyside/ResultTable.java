package io.samsa.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Renders Samsa's and Kafka's results as a Markdown table, one metric a line with the Samsa/Kafka
 * ratio and the target it is measured against.
 *
 * <p>Stateless.
 */
final class ResultTable {
    private static final double MIB = 1024.0 * 1024.0;

    /** One line: how to read the metric from a result, its format, and the target ratio text. */
    private record Metric(String name, ToDoubleFunction<BrokerRunResult> value, String format, String target) {
    }

    private static final List<Metric> METRICS = List.of(
        new Metric("produce records/s", r -> r.produce().recordsPerSec(), "%.0f", ">= 1.0x"),
        new Metric("produce MB/s", r -> r.produce().megabytesPerSec(), "%.2f", ">= 1.0x"),
        new Metric("produce latency avg ms (send->ack)", r -> r.produce().avgLatencyMs(), "%.1f", "lower is better"),
        new Metric("produce latency p50 ms (send->ack)", r -> r.produce().p50LatencyMs(), "%.0f", "lower is better"),
        new Metric("produce latency p99 ms (send->ack)", r -> r.produce().p99LatencyMs(), "%.0f", "lower is better"),
        new Metric("e2e latency p50 ms (producer->consumer, paced)", r -> r.endToEnd().p50Ms(), "%.0f", "lower is better"),
        new Metric("e2e latency p99 ms (producer->consumer, paced)", r -> r.endToEnd().p99Ms(), "%.0f", "lower is better"),
        new Metric("consume records/s", r -> r.consume().recordsPerSec(), "%.0f", ">= 1.0x"),
        new Metric("consume MB/s", r -> r.consume().megabytesPerSec(), "%.2f", ">= 1.0x"),
        new Metric("broker peak RSS MiB (VmHWM)", r -> r.memory().peakRssBytes() / MIB, "%.0f", "<= 0.5x"),
        new Metric("broker RSS MiB at end (VmRSS)", r -> r.memory().rssBytes() / MIB, "%.0f", "<= 0.5x"));

    private ResultTable() {
    }

    /** @return the table; a broker that failed shows "failed" and its reason below the table */
    static String render(BrokerRunResult samsa, BrokerRunResult kafka) {
        List<String> lines = new ArrayList<>();
        lines.add("| metric | Samsa | Kafka | Samsa/Kafka | target |");
        lines.add("|---|---:|---:|---:|---|");
        for (Metric metric : METRICS) {
            String samsaText = cell(samsa, metric);
            String kafkaText = cell(kafka, metric);
            String ratio = "-";
            if (ok(samsa) && ok(kafka)) {
                double denominator = metric.value().applyAsDouble(kafka);
                ratio = denominator == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", metric.value().applyAsDouble(samsa) / denominator);
            }
            lines.add("| " + metric.name() + " | " + samsaText + " | " + kafkaText + " | " + ratio + " | " + metric.target() + " |");
        }
        for (BrokerRunResult result : new BrokerRunResult[] {samsa, kafka}) {
            if (result != null && !result.ok()) {
                lines.add("");
                lines.add(result.broker() + " failed: " + result.failure());
            }
        }
        return String.join("\n", lines);
    }

    private static boolean ok(BrokerRunResult result) {
        return result != null && result.ok();
    }

    private static String cell(BrokerRunResult result, Metric metric) {
        if (result == null) {
            return "not run";
        }
        if (!result.ok()) {
            return "failed";
        }
        return String.format(Locale.ROOT, metric.format(), metric.value().applyAsDouble(result));
    }
}
