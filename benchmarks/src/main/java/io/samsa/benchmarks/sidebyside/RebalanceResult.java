package io.samsa.benchmarks.sidebyside;

import java.util.List;

/**
 * The join-to-Stable times of one rebalance case: a group of {@code members - 1} consumers, Stable,
 * gets one more member; each time runs from the new member's subscribe to the moment every member
 * holds its share of a complete assignment and the coordinator describes the group as Stable.
 *
 * <p>Immutable.
 *
 * @param members     group size after the join
 * @param cooperative cooperative-sticky (two rounds) when true, range (eager) otherwise
 * @param joinToStableMs one entry per measured join, in run order
 */
public record RebalanceResult(int members, boolean cooperative, List<Double> joinToStableMs) {

    public RebalanceResult {
        if (joinToStableMs.isEmpty()) {
            throw new IllegalArgumentException("no measured join");
        }
        joinToStableMs = List.copyOf(joinToStableMs);
    }

    /** The median (lower middle for an even count) of the measured joins. */
    public double medianMs() {
        List<Double> sorted = joinToStableMs.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /**
     * The mean of the measured joins. Each join waits a uniformly random part of a heartbeat
     * interval for the members to hear of it, and the mean of a uniform wait settles faster than
     * its median (variance 1/12 against 1/4 of the interval squared, per join), so the mean shows
     * the coordinator's share with less noise.
     */
    public double meanMs() {
        return joinToStableMs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** "eager" or "cooperative". */
    public String protocol() {
        return cooperative ? "cooperative" : "eager";
    }

    @Override
    public String toString() {
        return members + " members " + protocol() + ": join->Stable " + joinToStableMs + " ms, median " + medianMs() + " ms, mean " + meanMs() + " ms";
    }
}
