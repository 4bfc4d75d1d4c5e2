package io.samsa.broker.replication;

import java.util.List;

/**
 * This broker's role for one partition, as the metadata (today: the test, next: the metadata
 * image of the quorum) assigns it: who leads, under which leader epoch, the replicas, the ISR the
 * controller last committed, and the partition epoch that versions the ISR (AlterPartition's
 * optimistic-concurrency token).
 *
 * @param leaderEpoch    grows with every leader change; stamped on the leader's batches
 * @param leaderId       the broker id of the leader
 * @param replicas       every replica's broker id, the preferred leader first
 * @param isr            the in-sync replicas as committed by the controller
 * @param partitionEpoch grows with every change of the partition's state (ISR, leader)
 */
public record PartitionRole(int leaderEpoch, int leaderId, List<Integer> replicas, List<Integer> isr, int partitionEpoch) {

    public PartitionRole {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        if (leaderEpoch < 0 || partitionEpoch < 0) {
            throw new IllegalArgumentException("epochs must not be negative: " + leaderEpoch + ", " + partitionEpoch);
        }
        if (!replicas.containsAll(isr)) {
            throw new IllegalArgumentException("ISR " + isr + " is not a subset of the replicas " + replicas);
        }
    }

    /** @return whether {@code brokerId} leads the partition in this role */
    public boolean isLeader(int brokerId) {
        return leaderId == brokerId;
    }
}
