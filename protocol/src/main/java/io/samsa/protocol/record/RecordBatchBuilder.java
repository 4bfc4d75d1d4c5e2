package io.samsa.protocol.record;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds one magic-2 record batch. Set the batch fields first (they are fixed once the first record
 * is appended), append records in offset order, then {@link #build()}: the builder fills in
 * lastOffsetDelta, the timestamps, recordsCount and the CRC-32C. Records pass through the codec as
 * they are appended, so a compressed batch is never held uncompressed in full.
 *
 * <pre>{@code
 * ByteBuffer batch = RecordBatchBuilder.create(CompressionType.LZ4)
 *         .producer(producerId, producerEpoch, baseSequence)
 *         .append(nowMs, key, value, List.of())
 *         .build();
 * }</pre>
 *
 * <p>Not thread-safe; one builder per batch.
 */
public final class RecordBatchBuilder {
    private static final int INITIAL_CAPACITY_BYTES = 512;
    /** length (5) + attributes (1) + timestampDelta (10) + offsetDelta (5) + keyLength (5). */
    private static final int RECORD_PREFIX_MAX_BYTES = 26;

    private final CompressionType compression;
    private final GrowableByteArrayOutputStream out = new GrowableByteArrayOutputStream(INITIAL_CAPACITY_BYTES);
    private final byte[] scratch = new byte[RECORD_PREFIX_MAX_BYTES];
    private long baseOffset;
    private int partitionLeaderEpoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private boolean transactional;
    private boolean control;
    private long logAppendTimeMs = RecordBatch.NO_TIMESTAMP;
    private boolean isLogAppendTime;

    private OutputStream records;
    private int recordsCount;
    private long lastOffsetDelta = -1;
    private long baseTimestamp = RecordBatch.NO_TIMESTAMP;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private long uncompressedRecordBytes;
    private boolean built;

    private RecordBatchBuilder(CompressionType compression) {
        this.compression = compression;
    }

    /** A builder for a batch at base offset 0, CreateTime, no producer id, not transactional. */
    public static RecordBatchBuilder create(CompressionType compression) {
        return new RecordBatchBuilder(compression);
    }

    /**
     * A transaction marker batch: one ABORT or COMMIT control record, transactional, uncompressed.
     *
     * @param timestampMs the marker's timestamp, in ms since the epoch
     */
    public static ByteBuffer endTransactionMarker(long baseOffset, long timestampMs, int partitionLeaderEpoch,
                                                  long producerId, short producerEpoch, EndTransactionMarker marker) {
        return create(CompressionType.NONE).baseOffset(baseOffset).partitionLeaderEpoch(partitionLeaderEpoch)
                .producer(producerId, producerEpoch, RecordBatch.NO_SEQUENCE).transactional(true).control(true)
                .append(timestampMs, marker.key(), marker.value(), List.of())
                .build();
    }

    public RecordBatchBuilder baseOffset(long baseOffset) {
        ensureNotStarted();
        this.baseOffset = baseOffset;
        return this;
    }

    public RecordBatchBuilder partitionLeaderEpoch(int partitionLeaderEpoch) {
        ensureNotStarted();
        this.partitionLeaderEpoch = partitionLeaderEpoch;
        return this;
    }

    /** Idempotent/transactional producer fields; -1, -1, -1 means none. */
    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        ensureNotStarted();
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    public RecordBatchBuilder transactional(boolean transactional) {
        ensureNotStarted();
        this.transactional = transactional;
        return this;
    }

    public RecordBatchBuilder control(boolean control) {
        ensureNotStarted();
        this.control = control;
        return this;
    }

    /**
     * Makes this a LogAppendTime batch: every record will read {@code appendTimeMs}.
     *
     * @param appendTimeMs the broker's append time, in ms since the epoch
     */
    public RecordBatchBuilder logAppendTime(long appendTimeMs) {
        ensureNotStarted();
        this.isLogAppendTime = true;
        this.logAppendTimeMs = appendTimeMs;
        return this;
    }

    /** Appends a record at the next offset (base offset for the first). Buffers are not moved. */
    public RecordBatchBuilder append(long timestampMs, ByteBuffer key, ByteBuffer value, List<RecordHeader> headers) {
        return appendWithOffset(baseOffset + lastOffsetDelta + 1, timestampMs, key, value, headers);
    }

    /** Appends a record of byte arrays (either may be null) without headers. */
    public RecordBatchBuilder append(long timestampMs, byte[] key, byte[] value) {
        return append(timestampMs, key == null ? null : ByteBuffer.wrap(key),
                value == null ? null : ByteBuffer.wrap(value), List.of());
    }

    /**
     * Appends a record at an explicit offset, which must be above the previous record's and within
     * an int of the base offset (gaps are legal, as after compaction).
     *
     * @param timestampMs the record's timestamp, in ms since the epoch
     */
    public RecordBatchBuilder appendWithOffset(long offset, long timestampMs, ByteBuffer key, ByteBuffer value,
                                               List<RecordHeader> headers) {
        if (built) {
            throw new IllegalStateException("batch already built");
        }
        long offsetDelta = offset - baseOffset;
        if (offsetDelta <= lastOffsetDelta || offsetDelta > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " is not after the previous record at delta "
                    + lastOffsetDelta + " from base " + baseOffset);
        }
        if (recordsCount == 0) {
            baseTimestamp = timestampMs;
        }
        try {
            writeRecord((int) offsetDelta, timestampMs - baseTimestamp, key, value, headers);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing a record failed", e);
        }
        recordsCount++;
        lastOffsetDelta = offsetDelta;
        maxTimestamp = Math.max(maxTimestamp, timestampMs);
        return this;
    }

    public int recordsCount() {
        return recordsCount;
    }

    /**
     * Bytes of records appended so far before compression, length varints included: with an
     * expected compression ratio, what a producer uses to decide when a batch is full.
     */
    public long uncompressedRecordBytes() {
        return uncompressedRecordBytes;
    }

    /** Bytes produced so far (compressed bytes still inside the codec are not counted). */
    public int sizeInBytes() {
        return Math.max(out.size(), RecordBatch.HEADER_SIZE);
    }

    /**
     * Finishes the batch.
     *
     * @return a heap buffer holding exactly the batch (position 0, limit = capacity = its size)
     * @throws IllegalStateException if no record was appended or it was already built
     */
    public ByteBuffer build() {
        if (built || recordsCount == 0) {
            throw new IllegalStateException(built ? "batch already built" : "a batch needs at least one record");
        }
        built = true;
        try {
            records.close();
        } catch (IOException e) {
            throw new UncheckedIOException("finishing the compressed records failed", e);
        }
        ByteBuffer batch = ByteBuffer.wrap(out.array(), 0, out.size()).slice();
        writeHeader(batch);
        RecordBatch view = new RecordBatch(batch, 0);
        batch.putInt(RecordBatch.CRC_OFFSET, (int) view.computeChecksum());
        return batch;
    }

    private void writeHeader(ByteBuffer batch) {
        int attributes = compression.id()
                | (isLogAppendTime ? RecordBatch.TIMESTAMP_TYPE_MASK : 0)
                | (transactional ? RecordBatch.TRANSACTIONAL_MASK : 0)
                | (control ? RecordBatch.CONTROL_MASK : 0);
        batch.putLong(RecordBatch.BASE_OFFSET_OFFSET, baseOffset)
                .putInt(RecordBatch.BATCH_LENGTH_OFFSET, out.size() - RecordBatch.LOG_OVERHEAD)
                .putInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch)
                .put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC_V2)
                .putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) attributes)
                .putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, (int) lastOffsetDelta)
                .putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, baseTimestamp)
                .putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, isLogAppendTime ? logAppendTimeMs : maxTimestamp)
                .putLong(RecordBatch.PRODUCER_ID_OFFSET, producerId)
                .putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, producerEpoch)
                .putInt(RecordBatch.BASE_SEQUENCE_OFFSET, baseSequence)
                .putInt(RecordBatch.RECORDS_COUNT_OFFSET, recordsCount);
    }

    private void writeRecord(int offsetDelta, long timestampDelta, ByteBuffer key, ByteBuffer value,
                             List<RecordHeader> headers) throws IOException {
        if (records == null) {
            out.write(new byte[RecordBatch.HEADER_SIZE], 0, RecordBatch.HEADER_SIZE);
            records = compression == CompressionType.NONE ? out : compression.codec().compressTo(out);
        }
        byte[][] headerKeys = new byte[headers.size()][];
        int keySize = key == null ? -1 : key.remaining();
        int valueSize = value == null ? -1 : value.remaining();
        int bodySize = 1 + RecordVarints.sizeOfVarlong(timestampDelta) + RecordVarints.sizeOfVarint(offsetDelta)
                + sizeOfBytes(keySize) + sizeOfBytes(valueSize) + RecordVarints.sizeOfVarint(headers.size());
        for (int i = 0; i < headerKeys.length; i++) {
            RecordHeader header = headers.get(i);
            headerKeys[i] = header.key().getBytes(StandardCharsets.UTF_8);
            bodySize += sizeOfBytes(headerKeys[i].length)
                    + sizeOfBytes(header.value() == null ? -1 : header.value().remaining());
        }
        int index = RecordVarints.writeVarint(bodySize, scratch, 0);
        uncompressedRecordBytes += index + bodySize;
        scratch[index++] = 0; // attributes: unused
        index = RecordVarints.writeVarlong(timestampDelta, scratch, index);
        index = RecordVarints.writeVarint(offsetDelta, scratch, index);
        index = RecordVarints.writeVarint(keySize, scratch, index);
        records.write(scratch, 0, index);
        writeBytes(key);
        RecordVarints.writeVarint(valueSize, records);
        writeBytes(value);
        RecordVarints.writeVarint(headers.size(), records);
        for (int i = 0; i < headerKeys.length; i++) {
            RecordVarints.writeVarint(headerKeys[i].length, records);
            records.write(headerKeys[i]);
            ByteBuffer headerValue = headers.get(i).value();
            RecordVarints.writeVarint(headerValue == null ? -1 : headerValue.remaining(), records);
            writeBytes(headerValue);
        }
    }

    private void writeBytes(ByteBuffer bytes) throws IOException {
        if (bytes == null || !bytes.hasRemaining()) {
            return;
        }
        if (records == out) {
            out.write(bytes);
        } else if (bytes.hasArray()) {
            records.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } else {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(bytes.position(), copy);
            records.write(copy);
        }
    }

    /** A length varint plus the bytes, for a length that is -1 when null. */
    private static int sizeOfBytes(int length) {
        return RecordVarints.sizeOfVarint(length) + Math.max(length, 0);
    }

    private void ensureNotStarted() {
        if (records != null || built) {
            throw new IllegalStateException("batch fields are fixed once a record is appended");
        }
    }
}
