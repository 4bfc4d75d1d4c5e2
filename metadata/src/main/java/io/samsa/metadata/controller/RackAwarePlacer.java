package io.samsa.metadata.controller;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Places the replicas of new partitions over brokers in two or more racks ({@code broker.rack}), so
 * that each partition has its replicas in as many racks as it can, as Kafka's controller does: the
 * brokers are interleaved rack by rack (one of each rack, then the next of each), leaders rotate
 * over that list exactly as in {@link ReplicaPlacer} (so leadership is spread evenly), and each
 * follower is the next broker, at the rotating offset, whose rack holds no replica of the partition
 * yet; once every rack has one, any broker without a replica of it. A broker without a rack counts
 * as a rack of its own. Stateless.
 */
final class RackAwarePlacer {
    private RackAwarePlacer() {
    }

    /** @return whether the brokers span two racks or more (otherwise {@link ReplicaPlacer} places them) */
    static boolean applies(Map<Integer, String> rackByBroker) {
        return new HashSet<>(rackByBroker.values()).size() >= 2;
    }

    /**
     * @param rackByBroker      usable broker ids with their racks ("" for none)
     * @param start             where in the interleaved list the first partition's leader is
     * @param partitions        how many partitions to place
     * @param replicationFactor replicas per partition; at most the broker count
     * @return one replica list per partition, the leader first
     */
    static List<List<Integer>> place(Map<Integer, String> rackByBroker, int start, int partitions, int replicationFactor) {
        if (replicationFactor > rackByBroker.size()) {
            throw new IllegalArgumentException("replication factor " + replicationFactor + " > " + rackByBroker.size());
        }
        List<Integer> brokers = interleaved(rackByBroker);
        int racks = new HashSet<>(rackByBroker.values()).size();
        int n = brokers.size();
        List<List<Integer>> placement = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            int first = Math.floorMod(start + p, n);
            List<Integer> replicas = new ArrayList<>(replicationFactor);
            Set<String> usedRacks = new HashSet<>();
            replicas.add(brokers.get(first));
            usedRacks.add(rackByBroker.get(brokers.get(first)));
            if (n > 1) {
                int shift = Math.floorMod(Math.floorDiv(start, n) + p / n, n - 1);
                for (int pass = 0; pass < 2 && replicas.size() < replicationFactor; pass++) {
                    for (int k = 0; k < n - 1 && replicas.size() < replicationFactor; k++) {
                        int broker = brokers.get((first + 1 + (shift + k) % (n - 1)) % n);
                        String rack = rackByBroker.get(broker);
                        boolean rackTaken = usedRacks.contains(rack) && usedRacks.size() < racks;
                        if (replicas.contains(broker) || (pass == 0 && rackTaken)) {
                            continue;
                        }
                        replicas.add(broker);
                        usedRacks.add(rack);
                    }
                }
            }
            placement.add(replicas);
        }
        return placement;
    }

    /** @return the brokers one rack at a time: the first of each rack (racks sorted), then the second, ... */
    static List<Integer> interleaved(Map<Integer, String> rackByBroker) {
        Map<String, List<Integer>> byRack = new TreeMap<>();
        new TreeMap<>(rackByBroker).forEach((broker, rack) -> byRack.computeIfAbsent(rack, r -> new ArrayList<>()).add(broker));
        List<Integer> out = new ArrayList<>(rackByBroker.size());
        for (int round = 0; out.size() < rackByBroker.size(); round++) {
            for (List<Integer> rack : byRack.values()) {
                if (round < rack.size()) {
                    out.add(rack.get(round));
                }
            }
        }
        return out;
    }
}
