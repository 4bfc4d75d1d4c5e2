package io.samsa.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Renders one broker's {@link ClientComparison} as a Markdown table: per metric the Samsa client's
 * and kafka-clients' value (all runs of each combined), the Samsa-client/kafka-clients ratio, the
 * target and whether it is met.
 *
 * <p>Stateless.
 */
final class ClientComparisonTable {

    /** One line: which runs it needs, how to read it for one client from them, its format and target ratio. */
    private record Metric(String name, Function<ClientComparison, Map<ClientKind, ? extends List<?>>> runs,
                          MetricValue value, String format, double targetRatio, boolean higherIsBetter) {
    }

    @FunctionalInterface
    private interface MetricValue {
        double of(ClientComparison comparison, ClientKind kind);
    }

    private static final List<Metric> METRICS = List.of(
        throughput("produce records/s", ClientComparison::produce, ConsumeResult::recordsPerSec, "%.0f"),
        throughput("produce MB/s", ClientComparison::produce, ConsumeResult::megabytesPerSec, "%.2f"),
        throughput("consume records/s", ClientComparison::consume, ConsumeResult::recordsPerSec, "%.0f"),
        throughput("consume MB/s", ClientComparison::consume, ConsumeResult::megabytesPerSec, "%.2f"),
        new Metric("e2e latency p50 ms (own producer->own consumer, paced)", ClientComparison::latency,
            (c, kind) -> ClientComparison.median(c.latency().get(kind)).p50Micros() / 1e3, "%.2f", Double.NaN, false),
        new Metric("e2e latency p99 ms (own producer->own consumer, paced)", ClientComparison::latency,
            (c, kind) -> ClientComparison.median(c.latency().get(kind)).p99Micros() / 1e3, "%.2f", 1.0, false));

    private ClientComparisonTable() {
    }

    private static Metric throughput(String name, Function<ClientComparison, Map<ClientKind, List<ConsumeResult>>> runs,
                                     ToDoubleFunction<ConsumeResult> value, String format) {
        return new Metric(name, runs::apply,
            (c, kind) -> value.applyAsDouble(ClientComparison.combined(runs.apply(c).get(kind))), format, 1.0, true);
    }

    /** @return the table; a failed comparison shows its reason below the table and only the metrics it completed */
    static String render(ClientComparison comparison) {
        List<String> lines = new ArrayList<>();
        lines.add("Clients on the " + comparison.broker() + " broker:");
        lines.add("");
        lines.add("| metric | Samsa client | kafka-clients | Samsa/kafka-clients | target | met |");
        lines.add("|---|---:|---:|---:|---|---|");
        for (Metric metric : METRICS) {
            double samsa = value(metric, comparison, ClientKind.SAMSA);
            double kafka = value(metric, comparison, ClientKind.KAFKA);
            String ratio = "-";
            String met = "-";
            if (!Double.isNaN(samsa) && !Double.isNaN(kafka) && kafka != 0) {
                double r = samsa / kafka;
                ratio = String.format(Locale.ROOT, "%.2fx", r);
                if (!Double.isNaN(metric.targetRatio())) {
                    met = (metric.higherIsBetter() ? r >= metric.targetRatio() : r <= metric.targetRatio()) ? "yes" : "NO";
                }
            }
            String target = Double.isNaN(metric.targetRatio()) ? "lower is better"
                : String.format(Locale.ROOT, "%s %.1fx", metric.higherIsBetter() ? ">=" : "<=", metric.targetRatio());
            lines.add("| " + metric.name() + " | " + cell(samsa, metric) + " | " + cell(kafka, metric) + " | " + ratio + " | "
                + target + " | " + met + " |");
        }
        if (!comparison.ok()) {
            lines.add("");
            lines.add("client comparison on " + comparison.broker() + " failed: " + comparison.failure());
        }
        return String.join("\n", lines);
    }

    /** What the numbers of the client tables mean. */
    static String caption(long records, int latencyRecords) {
        return "Client tables: each client in a fresh JVM, order alternating (kafka-clients first, then Samsa first), "
            + ClientBenchmarkRun.ROUNDS + " runs per client for throughput and " + ClientBenchmarkRun.LATENCY_ROUNDS
            + " for latency; " + ClientSettings.describe() + ". produce: " + records
            + " values per run sent as fast as send() takes them, timed first send -> flush() done; records/s and MB/s over"
            + " all runs (total records / total time). consume: the same " + records + " records read from the beginning"
            + " (assign + seekToBeginning, no group), timed from assign to the last record. e2e latency: each client's"
            + " producer -> its own consumer, " + latencyRecords + " records per run paced at " + EndToEndLatencyRun.RECORDS_PER_SEC
            + "/s, poll-return time - nanoTime before send(), the first " + ClientLatencyRun.WARM_UP_PERCENT
            + "% of each run not counted (JVM warm-up), median of the runs' percentiles. MB = 2^20 bytes of record values.";
    }

    /** NaN when the client has no run of that kind (the comparison failed before it). */
    private static double value(Metric metric, ClientComparison comparison, ClientKind kind) {
        return metric.runs().apply(comparison).get(kind).isEmpty() ? Double.NaN : metric.value().of(comparison, kind);
    }

    private static String cell(double value, Metric metric) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, metric.format(), value);
    }
}
