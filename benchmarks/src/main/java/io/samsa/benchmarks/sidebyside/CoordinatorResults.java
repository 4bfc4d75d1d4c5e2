package io.samsa.benchmarks.sidebyside;

import java.util.List;

/**
 * The group-coordinator parts of one broker's side-by-side run; each is null (or empty) when that
 * part was skipped.
 *
 * <p>Immutable.
 *
 * @param rebalances one entry per (members, protocol) case that ran
 * @param heartbeat  heartbeats per second, or null
 * @param reload     offset reload at restart, or null
 * @param memory     the broker's memory after the rebalance and heartbeat parts, or null when neither ran
 */
public record CoordinatorResults(List<RebalanceResult> rebalances, HeartbeatResult heartbeat, OffsetReloadResult reload,
                                 ProcessMemory memory) {
    public static final CoordinatorResults NONE = new CoordinatorResults(List.of(), null, null, null);

    public CoordinatorResults {
        rebalances = List.copyOf(rebalances);
    }

    /** Without a memory reading. */
    public CoordinatorResults(List<RebalanceResult> rebalances, HeartbeatResult heartbeat, OffsetReloadResult reload) {
        this(rebalances, heartbeat, reload, null);
    }

    /** @return the case's result, or null when it did not run */
    public RebalanceResult rebalance(int members, boolean cooperative) {
        return rebalances.stream().filter(r -> r.members() == members && r.cooperative() == cooperative).findFirst().orElse(null);
    }
}
