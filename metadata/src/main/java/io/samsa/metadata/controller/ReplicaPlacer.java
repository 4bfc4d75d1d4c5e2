package io.samsa.metadata.controller;

import java.util.ArrayList;
import java.util.List;

/**
 * Places the replicas of new partitions over the usable brokers, rack-unaware: partition {@code p}
 * of a placement starting at {@code start} is led by broker {@code start+p} (mod the broker count)
 * of the id-sorted broker list, its followers at distinct offsets from the leader that rotate per
 * round, so leaders and followers spread evenly (exactly, for whole rounds of n partitions), and
 * successive placements continue where the last one stopped. Stateless.
 */
final class ReplicaPlacer {
    private ReplicaPlacer() {
    }

    /**
     * @param brokers           usable broker ids, sorted
     * @param start             where in the list the first partition's leader is
     * @param partitions        how many partitions to place
     * @param replicationFactor replicas per partition; at most {@code brokers.size()}
     * @return one replica list per partition
     */
    static List<List<Integer>> place(List<Integer> brokers, int start, int partitions, int replicationFactor) {
        if (replicationFactor > brokers.size()) {
            throw new IllegalArgumentException("replication factor " + replicationFactor + " > " + brokers.size());
        }
        int n = brokers.size();
        List<List<Integer>> placement = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            int first = Math.floorMod(start + p, n);
            List<Integer> replicas = new ArrayList<>(replicationFactor);
            replicas.add(brokers.get(first));
            if (n > 1) {
                // followers sit at distinct offsets 1..n-1 from the leader; the offsets rotate once
                // per round of n partitions (rounds counted from this placement's first partition,
                // so every full round gives each broker one leadership and rf-1 followers), and
                // (leader, follower) pairs vary instead of always being neighbours
                int shift = Math.floorMod(Math.floorDiv(start, n) + p / n, n - 1);
                for (int r = 1; r < replicationFactor; r++) {
                    int offset = 1 + (shift + r - 1) % (n - 1);
                    replicas.add(brokers.get((first + offset) % n));
                }
            }
            placement.add(replicas);
        }
        return placement;
    }
}
