package io.samsa.client.producer.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.producer.Callback;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.record.RecordHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's batch of records on its way to the broker: open while records are appended, then
 * closed into one magic-2 batch buffer, sent (maybe several times), and finally completed, which
 * completes each record's future and runs its callback in append order.
 *
 * <p>The idempotent producer's fields (producer id, epoch, base sequence) are stamped into the
 * closed buffer when the batch is drained, not when it is built, so a sequence reset or an epoch
 * bump only rewrites those header bytes and the CRC.
 *
 * <p>Not thread-safe: appends happen under the accumulator's lock, everything after closing on the
 * sender thread.
 */
public final class ProducerBatch {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerBatch.class);
    /** Upper bound of a record's framing besides key, value and headers (length, attributes, deltas, lengths, count). */
    private static final int RECORD_OVERHEAD_MAX_BYTES = 5 + 1 + 10 + 5 + 5 + 5 + 5;
    private static final int HEADER_OVERHEAD_MAX_BYTES = 5 + 5;

    private final TopicPartition topicPartition;
    private final int batchSizeBytes;
    private final int reservedBytes;
    private final long createdMs;
    /** One per appended record, in append order: what each needs at completion. */
    private final List<RecordSendFuture> records = new ArrayList<>();
    private RecordBatchBuilder builder;
    private ByteBuffer buffer;
    private int attempts;
    private long lastAttemptMs;
    private boolean retrying;
    private boolean inFlight;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private boolean done;
    private long uncompressedBytes;
    /** The outcome, written once before {@link #completion} completes (which publishes it to other threads). */
    private long resultBaseOffset = -1;
    private long resultLogAppendTimeMs = RecordBatch.NO_TIMESTAMP;
    private RuntimeException resultError;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();

    /**
     * @param batchSizeBytes the batch is full once its records reach this size (batch.size)
     * @param reservedBytes  memory reserved in the pool for it, given back at completion
     */
    public ProducerBatch(TopicPartition topicPartition, CompressionType compression, int batchSizeBytes, int reservedBytes,
                         long nowMs) {
        this.topicPartition = topicPartition;
        this.batchSizeBytes = batchSizeBytes;
        this.reservedBytes = reservedBytes;
        this.createdMs = nowMs;
        this.lastAttemptMs = nowMs;
        this.builder = RecordBatchBuilder.create(compression);
    }

    /** An upper bound of the bytes one record adds to a batch, before compression. */
    public static int estimateRecordBytes(byte[] key, byte[] value, List<RecordHeader> headers) {
        int size = RECORD_OVERHEAD_MAX_BYTES + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (RecordHeader header : headers) {
            size += HEADER_OVERHEAD_MAX_BYTES + header.key().length() * 3 + (header.value() == null ? 0 : header.value().remaining());
        }
        return size;
    }

    /** An upper bound of the size of a batch holding just this record. */
    public static int estimateBatchBytes(int recordBytes) {
        return RecordBatch.HEADER_SIZE + recordBytes;
    }

    /**
     * Appends a record when it fits (an empty batch takes any record).
     *
     * @param recordBytes the record's {@link #estimateRecordBytes} estimate
     * @return the record's future, or null when the batch is closed or full
     */
    public RecordSendFuture tryAppend(long timestampMs, byte[] key, byte[] value, List<RecordHeader> headers,
                                                       int recordBytes, Callback callback) {
        if (builder == null) {
            return null;
        }
        if (!records.isEmpty() && RecordBatch.HEADER_SIZE + builder.uncompressedRecordBytes() + recordBytes > batchSizeBytes) {
            return null;
        }
        builder.append(timestampMs, key == null ? null : ByteBuffer.wrap(key), value == null ? null : ByteBuffer.wrap(value), headers);
        RecordSendFuture future = new RecordSendFuture(this, records.size(), timestampMs, key == null ? -1 : key.length,
            value == null ? -1 : value.length, callback);
        records.add(future);
        return future;
    }

    /** Whether no further record will be appended: closed, or at batch.size already. */
    public boolean isFull() {
        return builder == null || RecordBatch.HEADER_SIZE + builder.uncompressedRecordBytes() >= batchSizeBytes;
    }

    /** Ends appending and builds the batch buffer (idempotent). */
    public void close() {
        if (builder != null) {
            uncompressedBytes = RecordBatch.HEADER_SIZE + builder.uncompressedRecordBytes();
            buffer = builder.build();
            builder = null;
        }
    }

    public boolean isClosed() {
        return builder == null;
    }

    /**
     * Stamps the idempotence fields into the closed batch, recomputing its CRC.
     *
     * @param sequence the base sequence, or -1 without idempotence
     */
    public void setProducerState(long id, short epoch, int sequence) {
        setProducerState(id, epoch, sequence, false);
    }

    /**
     * As {@link #setProducerState(long, short, int)}, also setting the transactional attribute bit
     * when the batch belongs to a transaction.
     */
    public void setProducerState(long id, short epoch, int sequence, boolean transactional) {
        close();
        if (transactional) {
            short attributes = buffer.getShort(RecordBatch.ATTRIBUTES_OFFSET);
            buffer.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) (attributes | RecordBatch.TRANSACTIONAL_MASK));
        }
        producerId = id;
        producerEpoch = epoch;
        baseSequence = sequence;
        buffer.putLong(RecordBatch.PRODUCER_ID_OFFSET, id);
        buffer.putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, epoch);
        buffer.putInt(RecordBatch.BASE_SEQUENCE_OFFSET, sequence);
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(RecordBatch.ATTRIBUTES_OFFSET));
        buffer.putInt(RecordBatch.CRC_OFFSET, (int) crc.getValue());
    }

    /** The closed batch, as a fresh view (the caller may move its position). */
    public ByteBuffer buffer() {
        return buffer.duplicate();
    }

    /**
     * Completes every record: success when {@code error} is null, using the partition's base offset
     * and, for LogAppendTime topics, the broker's append time. Runs callbacks in append order, then
     * completes the records' futures (all at once: they share {@link #completion}); completing twice
     * is ignored.
     *
     * @param baseOffset      the batch's offset, or -1 when unknown (acks=0, failure)
     * @param logAppendTimeMs the broker's append time, or -1 for CreateTime topics
     * @return whether this call completed the batch
     */
    public boolean complete(long baseOffset, long logAppendTimeMs, RuntimeException error) {
        if (done) {
            return false;
        }
        done = true;
        resultBaseOffset = error == null ? baseOffset : -1;
        resultLogAppendTimeMs = error == null ? logAppendTimeMs : RecordBatch.NO_TIMESTAMP;
        resultError = error;
        for (int i = 0; i < records.size(); i++) {
            RecordSendFuture record = records.get(i);
            if (record.callback() != null) {
                try {
                    record.callback().onCompletion(record.metadata(), error);
                } catch (RuntimeException e) {
                    LOG.error("Error executing user-provided callback on message for topic-partition '{}'", topicPartition, e);
                }
            }
        }
        completion.complete(null);
        return true;
    }

    /** The base offset the broker assigned, or -1 (not completed, unknown or failed). */
    long baseOffset() {
        return resultBaseOffset;
    }

    /** The broker's append time for LogAppendTime topics, else -1. */
    long logAppendTimeMs() {
        return resultLogAppendTimeMs;
    }

    /** Why the batch failed, or null (not completed or succeeded). */
    RuntimeException error() {
        return resultError;
    }

    /** Completes once every record of the batch has completed (for flush). */
    public CompletableFuture<Void> completion() {
        return completion;
    }

    /** Marks a send: the batch is in flight until {@link #onResponse}. */
    public void onSend(long nowMs) {
        attempts++;
        lastAttemptMs = nowMs;
        inFlight = true;
    }

    /** The request that carried the batch finished (either way). */
    public void onResponse(long nowMs) {
        inFlight = false;
        lastAttemptMs = nowMs;
    }

    /** Puts the batch back for another attempt after retry.backoff.ms. */
    public void markRetry() {
        retrying = true;
    }

    public boolean isRetry() {
        return retrying;
    }

    public boolean inFlight() {
        return inFlight;
    }

    public boolean isDone() {
        return done;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public int recordCount() {
        return records.size();
    }

    /** Bytes of the closed batch, or of the records so far while open. */
    public int sizeInBytes() {
        return buffer != null ? buffer.limit() : RecordBatch.HEADER_SIZE + (int) builder.uncompressedRecordBytes();
    }

    /** Bytes of the closed batch before compression, for the compression-rate metric. */
    public long uncompressedBytes() {
        return uncompressedBytes;
    }

    public int reservedBytes() {
        return reservedBytes;
    }

    public long createdMs() {
        return createdMs;
    }

    public long lastAttemptMs() {
        return lastAttemptMs;
    }

    public int attempts() {
        return attempts;
    }

    public int baseSequence() {
        return baseSequence;
    }

    public long producerId() {
        return producerId;
    }

    public short producerEpoch() {
        return producerEpoch;
    }

    /** Whether the batch has a sequence stamped (it was drained at least once with idempotence). */
    public boolean hasSequence() {
        return baseSequence != RecordBatch.NO_SEQUENCE;
    }

    /** Clears the stamped sequence so the next drain assigns a fresh one (after an epoch bump). */
    public void resetSequence() {
        baseSequence = RecordBatch.NO_SEQUENCE;
    }

    @Override
    public String toString() {
        return "ProducerBatch(" + topicPartition + ", records=" + records.size() + ", seq=" + baseSequence + ")";
    }
}
