package io.samsa.storage;

import java.nio.ByteBuffer;

/**
 * One entry of a segment's aborted-transaction index ({@code .txnindex}): a transaction of
 * {@code producerId} that spanned {@code firstOffset..lastOffset} (the last offset is its ABORT
 * marker) and was aborted. Kafka's on-disk layout, 34 bytes, big-endian:
 *
 * <pre>
 *  0 version          int16  0
 *  2 producerId       int64
 * 10 firstOffset      int64  the transaction's first data offset
 * 18 lastOffset       int64  the ABORT marker's offset
 * 26 lastStableOffset int64  the partition's last stable offset once the marker was appended
 * </pre>
 *
 * <p>Immutable, so thread-safe.
 */
public record AbortedTxn(long producerId, long firstOffset, long lastOffset, long lastStableOffset) {
    /** Bytes of one entry on disk. */
    public static final int ENTRY_BYTES = 34;
    /** The only version Kafka writes. */
    public static final short CURRENT_VERSION = 0;

    /** Writes the entry at the buffer's position, advancing it. */
    void writeTo(ByteBuffer out) {
        out.putShort(CURRENT_VERSION).putLong(producerId).putLong(firstOffset).putLong(lastOffset).putLong(lastStableOffset);
    }

    /**
     * Reads the entry at {@code position}.
     *
     * @return the entry, or null when its version is not one this code knows
     */
    static AbortedTxn readFrom(ByteBuffer in, int position) {
        if (in.getShort(position) != CURRENT_VERSION) {
            return null;
        }
        return new AbortedTxn(in.getLong(position + 2), in.getLong(position + 10), in.getLong(position + 18),
                in.getLong(position + 26));
    }

    /** Whether the transaction overlaps {@code [fromOffset, upperBoundOffset)}. */
    boolean overlaps(long fromOffset, long upperBoundOffset) {
        return lastOffset >= fromOffset && firstOffset < upperBoundOffset;
    }
}
