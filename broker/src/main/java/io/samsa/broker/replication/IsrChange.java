package io.samsa.broker.replication;

import java.util.List;

/**
 * What a leader asks the controller for (Kafka's AlterPartition request for one partition).
 *
 * @param leaderId       the asking leader
 * @param leaderEpoch    the leader epoch it leads under
 * @param newIsr         the ISR it wants
 * @param partitionEpoch the partition epoch its current ISR came with
 */
public record IsrChange(int leaderId, int leaderEpoch, List<Integer> newIsr, int partitionEpoch) {

    public IsrChange {
        newIsr = List.copyOf(newIsr);
    }
}
