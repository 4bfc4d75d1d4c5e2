package io.samsa.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Renders Samsa's and Kafka's results as a Markdown table, one metric a line with the Samsa/Kafka
 * ratio and the target it is measured against. A metric whose part was skipped on both brokers is
 * left out; on one broker only, its cell says "skipped".
 *
 * <p>Stateless.
 */
final class ResultTable {
    private static final double MIB = 1024.0 * 1024.0;

    /**
     * One line: how to read the metric from a result (null when its part did not run), its format, and
     * the target ratio text.
     */
    record Metric(String name, Function<BrokerRunResult, Double> value, String format, String target) {

        /** A metric read from one part of the result, which is null when that part did not run. */
        static <P> Metric of(String name, Function<BrokerRunResult, P> part, ToDoubleFunction<P> value, String format,
                             String target) {
            return new Metric(name, r -> {
                P measured = part.apply(r);
                return measured == null ? null : value.applyAsDouble(measured);
            }, format, target);
        }
    }

    private static final List<Metric> METRICS = List.of(
        Metric.of("produce records/s", BrokerRunResult::produce, ProducerPerfResult::recordsPerSec, "%.0f", ">= 1.0x"),
        Metric.of("produce MB/s", BrokerRunResult::produce, ProducerPerfResult::megabytesPerSec, "%.2f", ">= 1.0x"),
        Metric.of("produce latency avg ms (send->ack)", BrokerRunResult::produce, ProducerPerfResult::avgLatencyMs, "%.1f",
            "lower is better"),
        Metric.of("produce latency p50 ms (send->ack)", BrokerRunResult::produce, ProducerPerfResult::p50LatencyMs, "%.0f",
            "lower is better"),
        Metric.of("produce latency p99 ms (send->ack)", BrokerRunResult::produce, ProducerPerfResult::p99LatencyMs, "%.0f",
            "lower is better"),
        Metric.of("e2e latency p50 ms (producer->consumer, paced)", BrokerRunResult::endToEnd, EndToEndLatencyRun.Latency::p50Ms,
            "%.0f", "lower is better"),
        Metric.of("e2e latency p99 ms (producer->consumer, paced)", BrokerRunResult::endToEnd, EndToEndLatencyRun.Latency::p99Ms,
            "%.0f", "lower is better"),
        Metric.of("consume records/s (ConsumerPerformance)", BrokerRunResult::consume, ConsumeResult::recordsPerSec, "%.0f",
            ">= 1.0x"),
        Metric.of("consume MB/s (ConsumerPerformance)", BrokerRunResult::consume, ConsumeResult::megabytesPerSec, "%.2f",
            ">= 1.0x"),
        Metric.of("broker peak RSS MiB (VmHWM) after produce, consume, latency", BrokerRunResult::memory, m -> m.peakRssBytes() / MIB, "%.0f", "<= 0.5x"),
        Metric.of("broker RSS MiB (VmRSS) after produce, consume, latency", BrokerRunResult::memory, m -> m.rssBytes() / MIB, "%.0f", "<= 0.5x"));

    private ResultTable() {
    }

    /** @return the table; a broker that failed shows "failed" and its reason below the table */
    static String render(BrokerRunResult samsa, BrokerRunResult kafka) {
        List<String> lines = new ArrayList<>();
        lines.add("| metric | Samsa | Kafka | Samsa/Kafka | target |");
        lines.add("|---|---:|---:|---:|---|");
        for (Metric metric : Stream.concat(METRICS.stream(), CoordinatorMetrics.METRICS.stream()).toList()) {
            Double samsaValue = value(samsa, metric);
            Double kafkaValue = value(kafka, metric);
            if (samsaValue == null && kafkaValue == null && ok(samsa) && ok(kafka)) {
                continue;
            }
            String ratio = "-";
            if (samsaValue != null && kafkaValue != null && kafkaValue != 0) {
                ratio = String.format(Locale.ROOT, "%.2fx", samsaValue / kafkaValue);
            }
            lines.add("| " + metric.name() + " | " + cell(samsa, samsaValue, metric) + " | " + cell(kafka, kafkaValue, metric)
                + " | " + ratio + " | " + metric.target() + " |");
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

    private static Double value(BrokerRunResult result, Metric metric) {
        return ok(result) ? metric.value().apply(result) : null;
    }

    private static String cell(BrokerRunResult result, Double value, Metric metric) {
        if (result == null) {
            return "not run";
        }
        if (!result.ok()) {
            return "failed";
        }
        return value == null ? "skipped" : String.format(Locale.ROOT, metric.format(), value);
    }
}
