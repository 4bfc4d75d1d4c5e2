package io.samsa.protocol.record;

import io.samsa.protocol.record.CorruptRecordException.Reason;
import java.nio.ByteBuffer;

/**
 * The type of a control record (a record in a batch with the control attribute), read from its
 * key:
 *
 * <pre>
 * 0 version int16   0; later versions keep these two fields first
 * 2 type    int16   0 ABORT, 1 COMMIT, 2.. KRaft-internal types
 * </pre>
 *
 * Immutable, so thread-safe.
 */
public enum ControlRecordType {
    ABORT(0),
    COMMIT(1),
    LEADER_CHANGE(2),
    SNAPSHOT_HEADER(3),
    SNAPSHOT_FOOTER(4),
    KRAFT_VERSION(5),
    KRAFT_VOTERS(6),
    /** A type this code does not know; readers skip such records, as Kafka's do. */
    UNKNOWN(-1);

    public static final short CURRENT_KEY_VERSION = 0;
    /** Bytes of a version-0 key. */
    public static final int KEY_SIZE_BYTES = 4;

    private final short type;

    ControlRecordType(int type) {
        this.type = (short) type;
    }

    public short type() {
        return type;
    }

    /** True for ABORT and COMMIT, the markers that end a transaction. */
    public boolean isTransactionMarker() {
        return this == ABORT || this == COMMIT;
    }

    /** The version-0 key for this type. */
    public ByteBuffer key() {
        ByteBuffer key = ByteBuffer.allocate(KEY_SIZE_BYTES);
        key.putShort(CURRENT_KEY_VERSION).putShort(type).flip();
        return key;
    }

    /**
     * The type named by a control record's key.
     *
     * @throws CorruptRecordException for a null or short key or a negative version
     */
    public static ControlRecordType fromKey(ByteBuffer key) {
        if (key == null || key.remaining() < KEY_SIZE_BYTES) {
            throw new CorruptRecordException(Reason.INVALID_CONTROL_RECORD,
                    "control record key of " + (key == null ? "null" : key.remaining() + " bytes"));
        }
        short version = key.getShort(key.position());
        if (version < 0) {
            throw new CorruptRecordException(Reason.INVALID_CONTROL_RECORD, "control record key version " + version);
        }
        short type = key.getShort(key.position() + 2);
        for (ControlRecordType candidate : values()) {
            if (candidate.type == type && candidate != UNKNOWN) {
                return candidate;
            }
        }
        return UNKNOWN;
    }

    /** The type of a record from a control batch; see {@link #fromKey}. */
    public static ControlRecordType of(Record record) {
        return fromKey(record.key());
    }
}
