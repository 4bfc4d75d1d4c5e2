package io.samsa.storage;

/**
 * What the broker remembers of one appended idempotent batch: its sequence range and the offsets
 * it got, so a retry of it can be answered with the same offsets.
 *
 * @param firstSequence the batch's base sequence
 * @param lastSequence  its last sequence (base plus lastOffsetDelta, wrapping past Integer.MAX_VALUE)
 * @param firstOffset   the offset of its first record
 * @param lastOffset    the offset of its last record
 * @param timestampMs   its max timestamp (for DescribeProducers)
 */
public record ProducerBatch(int firstSequence, int lastSequence, long firstOffset, long lastOffset, long timestampMs) {
}
