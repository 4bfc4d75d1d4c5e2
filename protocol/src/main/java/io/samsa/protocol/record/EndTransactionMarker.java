package io.samsa.protocol.record;

import io.samsa.protocol.record.CorruptRecordException.Reason;
import java.nio.ByteBuffer;

/**
 * The single record of a transaction marker batch (control + transactional attributes), written by
 * the transaction coordinator to each partition a transaction touched. Its key is a
 * {@link ControlRecordType} key (ABORT or COMMIT); its value is:
 *
 * <pre>
 * 0 version          int16  0
 * 2 coordinatorEpoch int32
 * </pre>
 *
 * Immutable, so thread-safe.
 *
 * @param type             ABORT or COMMIT
 * @param coordinatorEpoch the epoch of the transaction coordinator that wrote the marker
 */
public record EndTransactionMarker(ControlRecordType type, int coordinatorEpoch) {
    public static final short CURRENT_VALUE_VERSION = 0;
    /** Bytes of a version-0 value. */
    public static final int VALUE_SIZE_BYTES = 6;

    public EndTransactionMarker {
        if (!type.isTransactionMarker()) {
            throw new IllegalArgumentException("not a transaction marker type: " + type);
        }
    }

    public ByteBuffer key() {
        return type.key();
    }

    /** The version-0 value. */
    public ByteBuffer value() {
        ByteBuffer value = ByteBuffer.allocate(VALUE_SIZE_BYTES);
        value.putShort(CURRENT_VALUE_VERSION).putInt(coordinatorEpoch).flip();
        return value;
    }

    /**
     * Reads the marker from a control record; later value versions are read by their common prefix.
     *
     * @throws CorruptRecordException if the record is not an ABORT or COMMIT marker or its value is short
     */
    public static EndTransactionMarker read(Record record) {
        ControlRecordType type = ControlRecordType.of(record);
        if (!type.isTransactionMarker()) {
            throw new CorruptRecordException(Reason.INVALID_CONTROL_RECORD, "control record of type " + type
                    + " is not a transaction marker");
        }
        ByteBuffer value = record.value();
        if (value == null || value.remaining() < VALUE_SIZE_BYTES) {
            throw new CorruptRecordException(Reason.INVALID_CONTROL_RECORD, "transaction marker value of "
                    + (value == null ? "null" : value.remaining() + " bytes"));
        }
        short version = value.getShort(0);
        if (version < 0) {
            throw new CorruptRecordException(Reason.INVALID_CONTROL_RECORD, "transaction marker version " + version);
        }
        return new EndTransactionMarker(type, value.getInt(2));
    }
}
