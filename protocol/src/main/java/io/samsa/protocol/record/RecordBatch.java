package io.samsa.protocol.record;

import io.samsa.protocol.record.CorruptRecordException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * A flyweight over one record batch of magic 2, read in place through offset constants: nothing
 * is decoded into objects and no byte is copied. The buffer's own position and limit are never
 * moved; the batch starts at {@link #start()}.
 *
 * <pre>
 *  0  baseOffset            int64   assigned by the broker
 *  8  batchLength           int32   bytes after this field (whole batch = batchLength + 12)
 * 12  partitionLeaderEpoch  int32   not covered by the CRC
 * 16  magic                 int8    2
 * 17  crc                   uint32  CRC-32C of bytes 21..end
 * 21  attributes            int16   codec(0-2) timestampType(3) transactional(4) control(5) deleteHorizon(6)
 * 23  lastOffsetDelta       int32
 * 27  baseTimestamp         int64
 * 35  maxTimestamp          int64
 * 43  producerId            int64
 * 51  producerEpoch         int16
 * 53  baseSequence          int32
 * 57  recordsCount          int32
 * 61  records...                    one compressed blob when the codec is not none
 * </pre>
 *
 * <p>Records are read with {@link #records()} (in place when uncompressed, streamed through the
 * codec when compressed). Whether the header can be trusted is {@link RecordBatchValidator}'s job;
 * the accessors here read whatever bytes are there.
 *
 * <p>Not thread-safe for writes; concurrent readers of an unchanging buffer are fine.
 */
public final class RecordBatch implements Iterable<Record> {
    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int BATCH_LENGTH_OFFSET = 8;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORDS_COUNT_OFFSET = 57;
    public static final int RECORDS_OFFSET = 61;

    /** Bytes before batchLength's payload: baseOffset and batchLength itself. */
    public static final int LOG_OVERHEAD = 12;
    /** The smallest legal batch: a header with no records. */
    public static final int HEADER_SIZE = RECORDS_OFFSET;
    public static final byte MAGIC_V2 = 2;

    public static final int COMPRESSION_CODEC_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_MASK = 0x08;
    public static final int TRANSACTIONAL_MASK = 0x10;
    public static final int CONTROL_MASK = 0x20;
    public static final int DELETE_HORIZON_MASK = 0x40;

    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_TIMESTAMP = -1L;

    private final ByteBuffer buffer;
    private final int start;

    /**
     * @param buffer holds the batch; read in big-endian whatever its own order
     * @param start  absolute index of the batch's first byte
     */
    public RecordBatch(ByteBuffer buffer, int start) {
        this.buffer = buffer.order() == ByteOrder.BIG_ENDIAN ? buffer : buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.start = start;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    public int start() {
        return start;
    }

    /** Total bytes of this batch including the 12-byte log overhead. */
    public int sizeInBytes() {
        return LOG_OVERHEAD + batchLength();
    }

    public long baseOffset() {
        return buffer.getLong(start + BASE_OFFSET_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    /** The offset the next batch after this one starts at. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    public int batchLength() {
        return buffer.getInt(start + BATCH_LENGTH_OFFSET);
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(start + PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buffer.get(start + MAGIC_OFFSET);
    }

    /** The stored CRC, as an unsigned 32-bit value. */
    public long checksum() {
        return Integer.toUnsignedLong(buffer.getInt(start + CRC_OFFSET));
    }

    public short attributes() {
        return buffer.getShort(start + ATTRIBUTES_OFFSET);
    }

    /** The compression codec id: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
    public int compressionId() {
        return attributes() & COMPRESSION_CODEC_MASK;
    }

    /**
     * The codec named by the attributes.
     *
     * @throws CorruptRecordException for an unknown codec id
     */
    public CompressionType compressionType() {
        return CompressionType.forId(compressionId());
    }

    public TimestampType timestampType() {
        return isLogAppendTime() ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
    }

    public boolean isLogAppendTime() {
        return (attributes() & TIMESTAMP_TYPE_MASK) != 0;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_MASK) != 0;
    }

    public boolean isControlBatch() {
        return (attributes() & CONTROL_MASK) != 0;
    }

    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_MASK) != 0;
    }

    public int lastOffsetDelta() {
        return buffer.getInt(start + LAST_OFFSET_DELTA_OFFSET);
    }

    public long baseTimestamp() {
        return buffer.getLong(start + BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buffer.getLong(start + MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buffer.getLong(start + PRODUCER_ID_OFFSET);
    }

    public short producerEpoch() {
        return buffer.getShort(start + PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buffer.getInt(start + BASE_SEQUENCE_OFFSET);
    }

    /** The sequence of the last record, wrapping at Integer.MAX_VALUE as Kafka does. */
    public int lastSequence() {
        int base = baseSequence();
        if (base == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        long last = (long) base + lastOffsetDelta();
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }

    public int recordsCount() {
        return buffer.getInt(start + RECORDS_COUNT_OFFSET);
    }

    public boolean hasProducerId() {
        return producerId() != NO_PRODUCER_ID;
    }

    /** CRC-32C over attributes through the end of the batch, as written into the crc field. */
    public long computeChecksum() {
        CRC32C crc = new CRC32C();
        ByteBuffer view = buffer.duplicate();
        view.limit(start + sizeInBytes()).position(start + ATTRIBUTES_OFFSET);
        crc.update(view);
        return crc.getValue();
    }

    public boolean isChecksumValid() {
        return computeChecksum() == checksum();
    }

    /**
     * Checks the CRC only (see {@link RecordBatchValidator} for the full set of checks).
     *
     * @throws CorruptRecordException if the batch does not fit its buffer or its CRC does not match
     */
    public void ensureValid() {
        recordsEnd();
        long computed = computeChecksum();
        if (computed != checksum()) {
            throw new CorruptRecordException(Reason.CHECKSUM_MISMATCH,
                    "stored CRC " + checksum() + " but computed " + computed);
        }
    }

    /**
     * The index just past the batch, after checking that the records area exists and the batch
     * fits its buffer (the iterators' precondition; cheaper than {@link #ensureValid()}).
     *
     * @throws CorruptRecordException if it does not
     */
    int recordsEnd() {
        if (buffer.limit() - start < LOG_OVERHEAD) {
            throw new CorruptRecordException(Reason.INVALID_BATCH_LENGTH,
                    "only " + (buffer.limit() - start) + " bytes, not even a batch length");
        }
        int end = start + sizeInBytes();
        if (end < start + RECORDS_OFFSET || end > buffer.limit()) {
            throw new CorruptRecordException(Reason.INVALID_BATCH_LENGTH,
                    "batch of " + sizeInBytes() + " bytes does not fit its buffer");
        }
        return end;
    }

    /**
     * The batch's records with the default read limits.
     *
     * @throws CorruptRecordException at once or during iteration for malformed data
     */
    public RecordIterator records() {
        return records(RecordReadLimits.DEFAULT);
    }

    /**
     * The batch's records. Uncompressed batches are read in place; compressed ones are decompressed
     * as a stream, bounded by {@code limits}. Close the iterator if you stop before the end.
     *
     * @throws CorruptRecordException at once or during iteration for malformed data
     */
    public RecordIterator records(RecordReadLimits limits) {
        recordsEnd();
        CompressionType compression = compressionType();
        return compression == CompressionType.NONE
                ? new InPlaceRecordIterator(this)
                : new DecompressingRecordIterator(this, compression, limits);
    }

    /** Same as {@link #records()}, for for-each loops (which close it by reaching the end). */
    @Override
    public RecordIterator iterator() {
        return records();
    }

    /** Writes the base offset in place; the CRC does not cover it. */
    public void setBaseOffset(long baseOffset) {
        buffer.putLong(start + BASE_OFFSET_OFFSET, baseOffset);
    }

    /** Writes the partition leader epoch in place; the CRC does not cover it. */
    public void setPartitionLeaderEpoch(int epoch) {
        buffer.putInt(start + PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    /**
     * Marks the batch as LogAppendTime with the given time as its max timestamp and recomputes the
     * CRC, as a broker does for topics with {@code message.timestamp.type=LogAppendTime}.
     *
     * @param appendTimeMs the broker's append time, in milliseconds since the epoch
     */
    public void setLogAppendTime(long appendTimeMs) {
        buffer.putShort(start + ATTRIBUTES_OFFSET, (short) (attributes() | TIMESTAMP_TYPE_MASK));
        buffer.putLong(start + MAX_TIMESTAMP_OFFSET, appendTimeMs);
        buffer.putInt(start + CRC_OFFSET, (int) computeChecksum());
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffsetDelta=" + lastOffsetDelta()
                + ", size=" + sizeInBytes() + ", magic=" + magic() + ", codec=" + compressionId() + ")";
    }
}
