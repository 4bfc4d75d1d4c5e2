package io.samsa.protocol.record;

import io.samsa.protocol.ProtocolDecodeException;

/**
 * Malformed record data: a batch or record whose bytes break the magic-2 layout, a bad CRC, a
 * length past the end of its buffer or over a configured bound, or a compressed blob that does not
 * decompress. The {@link Reason} lets the broker choose the Kafka error code (CORRUPT_MESSAGE for a
 * bad CRC or unreadable bytes, INVALID_RECORD for a well-formed batch Kafka would still refuse) and
 * lets storage recovery log why it truncated.
 *
 * <p>Immutable, so thread-safe.
 */
public class CorruptRecordException extends ProtocolDecodeException {
    private static final long serialVersionUID = 1L;

    /** Why the data was refused. */
    public enum Reason {
        /** The magic byte is not 2 (legacy formats 0 and 1 are refused, as Kafka 4 does). */
        UNSUPPORTED_MAGIC,
        /** batchLength is under the header size, over the configured maximum, or past the buffer. */
        INVALID_BATCH_LENGTH,
        /** The stored CRC-32C does not match the bytes. */
        CHECKSUM_MISMATCH,
        /** recordsCount is negative or disagrees with lastOffsetDelta or the bytes present. */
        INVALID_RECORDS_COUNT,
        /** The attributes name an unknown codec or an illegal combination. */
        INVALID_ATTRIBUTES,
        /** A record's own bytes are malformed (lengths, varints, trailing bytes, offsets). */
        INVALID_RECORD,
        /** A compressed blob failed to decompress or decompressed past a configured bound. */
        DECOMPRESSION_FAILED,
        /** A control batch's record is not a well-formed control record. */
        INVALID_CONTROL_RECORD
    }

    private final Reason reason;

    public CorruptRecordException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CorruptRecordException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + super.getMessage();
    }
}
