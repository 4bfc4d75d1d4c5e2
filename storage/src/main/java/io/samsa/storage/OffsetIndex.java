package io.samsa.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The sparse offset index of one segment: which file position a batch starts at, for one batch in
 * every {@code index.interval.bytes}.
 *
 * <pre>
 * entry (8 bytes, big-endian):
 *  0  relativeOffset  int32  batch base offset minus the segment's base offset
 *  4  position        int32  byte position of that batch in the .log file
 * </pre>
 *
 * Entries are strictly increasing in both fields. Thread-safety as {@link MappedIndex}.
 */
final class OffsetIndex extends MappedIndex {
    static final int ENTRY_BYTES = 8;

    OffsetIndex(Path path, long baseOffset, int maxIndexBytes) throws IOException {
        super(path, baseOffset, maxIndexBytes, ENTRY_BYTES);
    }

    /**
     * @param batchBaseOffset the absolute base offset of the indexed batch
     * @param position        its byte position in the segment file
     */
    void append(long batchBaseOffset, int position) {
        int at = nextEntryPosition();
        buffer().putInt(at, (int) (batchBaseOffset - baseOffset));
        buffer().putInt(at + 4, position);
        publishEntry();
    }

    @Override
    protected long keyAt(int n) {
        return buffer().getInt(n * ENTRY_BYTES);
    }

    int positionAt(int n) {
        return buffer().getInt(n * ENTRY_BYTES + 4);
    }

    long offsetAt(int n) {
        return baseOffset + keyAt(n);
    }

    /**
     * @param targetOffset an absolute offset
     * @return the position of the last indexed batch starting at or before it, or 0
     */
    int lookupPosition(long targetOffset) {
        int count = entries();
        int n = floorEntry(targetOffset - baseOffset, false, count);
        return n < 0 ? 0 : positionAt(n);
    }

    /**
     * @param maxPosition a byte position in the log file
     * @return the largest indexed batch position at or below it, or -1
     */
    long floorPosition(long maxPosition) {
        int low = 0;
        int high = entries() - 1;
        long found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int position = positionAt(mid);
            if (position <= maxPosition) {
                found = position;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /**
     * Checks the entries are strictly increasing and point inside the log file.
     *
     * @param logSizeBytes the segment file's size
     * @return null when sane, otherwise what is wrong
     */
    String sanityProblem(long logSizeBytes) {
        int count = entries();
        long lastRelative = -1;
        long lastPosition = -1;
        for (int n = 0; n < count; n++) {
            long relative = keyAt(n);
            long position = positionAt(n);
            if (relative <= lastRelative || position <= lastPosition || position >= logSizeBytes) {
                return "entry " + n + " (" + relative + ", " + position + ") is out of order or past the log end " + logSizeBytes;
            }
            lastRelative = relative;
            lastPosition = position;
        }
        return null;
    }
}
