package io.samsa.metadata.controller.api;

import java.util.List;

/**
 * Kafka's AlterPartition request: a partition leader asking to change ISRs.
 *
 * @param brokerId    the leader's id
 * @param brokerEpoch the leader's broker epoch
 * @param partitions  the wanted changes
 */
public record AlterPartitionRequest(int brokerId, long brokerEpoch, List<IsrChange> partitions) {
    public AlterPartitionRequest {
        partitions = List.copyOf(partitions);
    }

    /**
     * @param topicId        the topic
     * @param partition      the partition index
     * @param leaderEpoch    the leader epoch the leader knows
     * @param newIsr         the ISR it wants
     * @param partitionEpoch the partition epoch its view is based on
     */
    public record IsrChange(io.samsa.protocol.types.Uuid topicId, int partition, int leaderEpoch, List<Integer> newIsr,
                            int partitionEpoch) {
        public IsrChange {
            newIsr = List.copyOf(newIsr);
        }
    }
}
