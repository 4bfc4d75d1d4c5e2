package io.samsa.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The sparse time index of one segment. An entry {@code (T, O)} states that every batch of the
 * segment with a base offset below O has a max timestamp of at most T; so a search for the first
 * batch with a timestamp at or after t may start at the O of the last entry with T below t.
 *
 * <pre>
 * entry (12 bytes, big-endian):
 *  0  timestamp       int64  the largest batch max timestamp before the offset, in ms
 *  8  relativeOffset  int32  a batch base offset minus the segment's base offset
 * </pre>
 *
 * Timestamps strictly increase, offsets never decrease. Thread-safety as {@link MappedIndex}.
 */
final class TimeIndex extends MappedIndex {
    static final int ENTRY_BYTES = 12;

    TimeIndex(Path path, long baseOffset, int maxIndexBytes) throws IOException {
        super(path, baseOffset, maxIndexBytes, ENTRY_BYTES);
    }

    /** Appends when the timestamp is above the last entry's; otherwise the entry would add nothing. */
    void maybeAppend(long timestampMs, long absoluteOffset) {
        int count = entries();
        if (timestampMs < 0 || (count > 0 && timestampMs <= keyAt(count - 1)) || isFull()) {
            return;
        }
        int at = nextEntryPosition();
        buffer().putLong(at, timestampMs);
        buffer().putInt(at + 8, (int) (absoluteOffset - baseOffset));
        publishEntry();
    }

    @Override
    protected long keyAt(int n) {
        return buffer().getLong(n * ENTRY_BYTES);
    }

    long offsetAt(int n) {
        return baseOffset + buffer().getInt(n * ENTRY_BYTES + 8);
    }

    /**
     * @param targetTimestampMs the searched timestamp
     * @return an offset before which no batch reaches the target, or the base offset
     */
    long lookupStartOffset(long targetTimestampMs) {
        int n = floorEntry(targetTimestampMs, true, entries());
        return n < 0 ? baseOffset : offsetAt(n);
    }

    /** @return null when entries are ordered and non-negative, otherwise what is wrong */
    String sanityProblem() {
        int count = entries();
        long lastTimestamp = Long.MIN_VALUE;
        long lastOffset = baseOffset;
        for (int n = 0; n < count; n++) {
            long timestamp = keyAt(n);
            long offset = offsetAt(n);
            if (timestamp <= lastTimestamp || timestamp < 0 || offset < lastOffset) {
                return "entry " + n + " (" + timestamp + ", " + offset + ") is out of order";
            }
            lastTimestamp = timestamp;
            lastOffset = offset;
        }
        return null;
    }
}
