package io.samsa.client.consumer;

import io.samsa.client.common.TimestampType;
import io.samsa.client.common.header.Headers;
import io.samsa.client.common.header.RecordHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * One fetched record: where it came from (topic, partition, offset), its timestamp and kind, the
 * serialized sizes, the deserialized key and value, headers and the leader epoch it was written in.
 *
 * <p>Immutable (headers are read-only); safe to share between threads.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class ConsumerRecord<K, V> {
    /** The timestamp value when the record has none. */
    public static final long NO_TIMESTAMP = -1L;
    /** The size value when the size is unknown. */
    public static final int NULL_SIZE = -1;

    private final String topic;
    private final int partition;
    private final long offset;
    private final long timestamp;
    private final TimestampType timestampType;
    private final int serializedKeySize;
    private final int serializedValueSize;
    private final Headers headers;
    private final K key;
    private final V value;
    private final Optional<Integer> leaderEpoch;

    /**
     * @param timestamp           ms since epoch, or {@link #NO_TIMESTAMP}
     * @param serializedKeySize   bytes, or {@link #NULL_SIZE} for a null key
     * @param serializedValueSize bytes, or {@link #NULL_SIZE} for a null value
     */
    public ConsumerRecord(String topic, int partition, long offset, long timestamp, TimestampType timestampType,
                          int serializedKeySize, int serializedValueSize, K key, V value, Headers headers,
                          Optional<Integer> leaderEpoch) {
        this.topic = Objects.requireNonNull(topic, "Topic cannot be null");
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.timestampType = timestampType;
        this.serializedKeySize = serializedKeySize;
        this.serializedValueSize = serializedValueSize;
        this.key = key;
        this.value = value;
        this.headers = headers;
        this.leaderEpoch = leaderEpoch;
    }

    /** A record without timestamp, sizes or headers (for tests and mocks), as Kafka's. */
    public ConsumerRecord(String topic, int partition, long offset, K key, V value) {
        this(topic, partition, offset, NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, NULL_SIZE, NULL_SIZE, key, value,
            new RecordHeaders(), Optional.empty());
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public Headers headers() {
        return headers;
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    public TimestampType timestampType() {
        return timestampType;
    }

    public int serializedKeySize() {
        return serializedKeySize;
    }

    public int serializedValueSize() {
        return serializedValueSize;
    }

    public Optional<Integer> leaderEpoch() {
        return leaderEpoch;
    }

    @Override
    public String toString() {
        return "ConsumerRecord(topic = " + topic + ", partition = " + partition + ", leaderEpoch = " + leaderEpoch.orElse(null)
            + ", offset = " + offset + ", " + timestampType + " = " + timestamp + ", serialized key size = " + serializedKeySize
            + ", serialized value size = " + serializedValueSize + ", headers = " + headers + ", key = " + key
            + ", value = " + value + ")";
    }
}
