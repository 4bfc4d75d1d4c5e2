package io.samsa.storage;

/**
 * What one append did: the offsets it assigned and the timestamps it recorded.
 *
 * @param firstOffset          the base offset of the first appended batch
 * @param lastOffset           the last offset assigned (inclusive)
 * @param logAppendTimeMs      the append time written into the batches, or -1 for CreateTime topics (as Kafka answers)
 * @param maxTimestampMs       the largest batch max timestamp appended, in ms since the epoch
 * @param logStartOffset       the log start offset after the append
 * @param sizeInBytes          bytes written
 * @param batchCount           batches written
 */
public record AppendInfo(long firstOffset, long lastOffset, long logAppendTimeMs, long maxTimestampMs,
                         long logStartOffset, int sizeInBytes, int batchCount) {

    /** The number of offsets assigned. */
    public long offsetCount() {
        return lastOffset - firstOffset + 1;
    }
}
