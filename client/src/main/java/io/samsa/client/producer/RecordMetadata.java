package io.samsa.client.producer;

import io.samsa.client.common.TopicPartition;

/**
 * Where a sent record ended up: partition, offset (base offset of its batch plus its index) and
 * timestamp (CreateTime as sent, or the broker's LogAppendTime). Offset and timestamp are -1 when
 * unknown (acks=0, or a failure).
 *
 * <p>Immutable; safe to share between threads.
 */
public final class RecordMetadata {
    /** The value of offset and timestamp when unknown. */
    public static final int UNKNOWN_PARTITION = -1;

    private final TopicPartition topicPartition;
    private final long offset;
    private final long timestamp;
    private final int serializedKeySize;
    private final int serializedValueSize;

    /**
     * @param baseOffset          base offset of the record's batch, or -1 when unknown
     * @param batchIndex          the record's index within its batch
     * @param timestamp           ms since epoch, or -1
     * @param serializedKeySize   bytes, or -1 for a null key
     * @param serializedValueSize bytes, or -1 for a null value
     */
    public RecordMetadata(TopicPartition topicPartition, long baseOffset, int batchIndex, long timestamp,
                          int serializedKeySize, int serializedValueSize) {
        this.topicPartition = topicPartition;
        this.offset = baseOffset == -1 ? baseOffset : baseOffset + batchIndex;
        this.timestamp = timestamp;
        this.serializedKeySize = serializedKeySize;
        this.serializedValueSize = serializedValueSize;
    }

    public boolean hasOffset() {
        return offset != -1L;
    }

    public long offset() {
        return offset;
    }

    public boolean hasTimestamp() {
        return timestamp != -1L;
    }

    public long timestamp() {
        return timestamp;
    }

    public int serializedKeySize() {
        return serializedKeySize;
    }

    public int serializedValueSize() {
        return serializedValueSize;
    }

    public String topic() {
        return topicPartition.topic();
    }

    public int partition() {
        return topicPartition.partition();
    }

    @Override
    public String toString() {
        return topicPartition + "@" + offset;
    }
}
