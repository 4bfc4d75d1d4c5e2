package io.samsa.storage;

/**
 * A ListOffsets answer: an offset and the timestamp of the record found there.
 *
 * @param timestampMs the record's timestamp, or -1 when the answer is not timestamp-based (earliest/latest)
 * @param offset      the offset
 */
public record TimestampAndOffset(long timestampMs, long offset) {
}
