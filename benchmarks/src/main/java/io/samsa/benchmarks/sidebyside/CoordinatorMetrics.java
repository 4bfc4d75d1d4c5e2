package io.samsa.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;

/**
 * The table lines of the group-coordinator parts: join-to-Stable median and mean per case, heartbeats per
 * second, and the offset reload at restart with its no-offsets baseline.
 *
 * <p>Stateless.
 */
final class CoordinatorMetrics {
    static final List<ResultTable.Metric> METRICS = metrics();

    private CoordinatorMetrics() {
    }

    private static List<ResultTable.Metric> metrics() {
        List<ResultTable.Metric> metrics = new ArrayList<>();
        for (int members : SideBySide.REBALANCE_MEMBERS) {
            for (boolean cooperative : new boolean[] {false, true}) {
                String protocol = cooperative ? "cooperative-sticky" : "eager, range";
                metrics.add(ResultTable.Metric.of("rebalance ms, join -> Stable, " + members + " members (" + protocol
                        + "), median", r -> r.coordinator().rebalance(members, cooperative), RebalanceResult::medianMs, "%.0f",
                    "<= 1.0x"));
                metrics.add(ResultTable.Metric.of("rebalance ms, join -> Stable, " + members + " members (" + protocol
                        + "), mean", r -> r.coordinator().rebalance(members, cooperative), RebalanceResult::meanMs, "%.0f",
                    "<= 1.0x"));
            }
        }
        metrics.add(ResultTable.Metric.of("heartbeats/s (raw Heartbeat v4, error 0)", r -> r.coordinator().heartbeat(),
            HeartbeatResult::okPerSec, "%.0f", ">= 1.0x"));
        metrics.add(ResultTable.Metric.of("broker peak RSS MiB (VmHWM) after rebalance, heartbeat too", r -> r.coordinator().memory(),
            m -> m.peakRssBytes() / (1024.0 * 1024.0), "%.0f", "lower is better"));
        metrics.add(ResultTable.Metric.of("restart ms, no offsets: until every group answers OffsetFetch",
            r -> r.coordinator().reload(), OffsetReloadResult::emptyAnsweredMs, "%.0f", "lower is better"));
        metrics.add(ResultTable.Metric.of("restart ms, with offsets: until broker ready", r -> r.coordinator().reload(),
            OffsetReloadResult::readyMs, "%.0f", "lower is better"));
        metrics.add(ResultTable.Metric.of("reload ms: restart until every committed offset fetched",
            r -> r.coordinator().reload(), OffsetReloadResult::reloadedMs, "%.0f", "<= 1.0x"));
        metrics.add(ResultTable.Metric.of("commit ms: all offsets of the reload part (Admin)", r -> r.coordinator().reload(),
            OffsetReloadResult::commitMs, "%.0f", "lower is better"));
        return List.copyOf(metrics);
    }
}
