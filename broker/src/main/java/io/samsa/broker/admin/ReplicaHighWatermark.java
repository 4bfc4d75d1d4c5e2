package io.samsa.broker.admin;

import io.samsa.storage.PartitionLog;

/**
 * The offset a replica's log end is measured against for DescribeLogDirs' offset lag: the
 * partition's high watermark on the leader, the leader's log end offset on a follower. The lag is
 * that offset minus this replica's log end offset, never below 0 (Kafka's rule).
 *
 * <p>On a single node every log is the leader and the high watermark is its log end offset, so the
 * lag is 0 ({@link #SINGLE_NODE}). Replication plugs its high-watermark view in here.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface ReplicaHighWatermark {
    /** One broker, no followers: the high watermark is the log end offset. */
    ReplicaHighWatermark SINGLE_NODE = PartitionLog::logEndOffset;

    /** @return the offset this replica's log end is compared with */
    long referenceOffset(PartitionLog log);

    /** @return how many offsets {@code log} is behind its reference offset, >= 0 */
    default long offsetLag(PartitionLog log) {
        return Math.max(referenceOffset(log) - log.logEndOffset(), 0);
    }
}
