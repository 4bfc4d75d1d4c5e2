package io.samsa.broker.data.produce;

import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ProduceResponse.PartitionProduceResponse;

/**
 * One partition of an acks=all produce, appended and waiting for the high watermark to pass it.
 *
 * @param partition      the replicated partition it was appended to, as leader
 * @param requiredOffset the offset after the appended batch: the high watermark must reach it
 * @param leaderEpoch    the leader epoch it was appended under; a change means the append may be lost
 * @param response       the partition's answer, completed in place when the wait ends
 */
record PendingAck(ReplicatedPartition partition, long requiredOffset, int leaderEpoch, PartitionProduceResponse response) {

    /** @return the partition's outcome if known now (NONE or an error), else null */
    ErrorCode check() {
        return partition.checkReplicated(requiredOffset, leaderEpoch);
    }
}
