package io.samsa.client.producer;

import io.samsa.client.common.header.Header;
import io.samsa.client.common.header.Headers;
import io.samsa.client.common.header.RecordHeaders;
import java.util.Objects;

/**
 * A record to send: topic, optional partition, optional timestamp (ms since epoch; null lets the
 * producer use the current time), key, value and headers. Same constructors and validation as
 * Kafka's.
 *
 * <p>Immutable apart from its headers, which the producer makes read-only when it takes the record.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class ProducerRecord<K, V> {
    private final String topic;
    private final Integer partition;
    private final Headers headers;
    private final K key;
    private final V value;
    private final Long timestamp;

    public ProducerRecord(String topic, Integer partition, Long timestamp, K key, V value, Iterable<Header> headers) {
        if (topic == null) {
            throw new IllegalArgumentException("Topic cannot be null.");
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException(
                String.format("Invalid timestamp: %d. Timestamp should always be non-negative or null.", timestamp));
        }
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException(
                String.format("Invalid partition: %d. Partition number should always be non-negative or null.", partition));
        }
        this.topic = topic;
        this.partition = partition;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = new RecordHeaders(headers);
    }

    public ProducerRecord(String topic, Integer partition, Long timestamp, K key, V value) {
        this(topic, partition, timestamp, key, value, null);
    }

    public ProducerRecord(String topic, Integer partition, K key, V value, Iterable<Header> headers) {
        this(topic, partition, null, key, value, headers);
    }

    public ProducerRecord(String topic, Integer partition, K key, V value) {
        this(topic, partition, null, key, value, null);
    }

    public ProducerRecord(String topic, K key, V value) {
        this(topic, null, null, key, value, null);
    }

    public ProducerRecord(String topic, V value) {
        this(topic, null, null, null, value, null);
    }

    public String topic() {
        return topic;
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

    /** The timestamp (ms), or null for "now". */
    public Long timestamp() {
        return timestamp;
    }

    /** The partition, or null to let the partitioner choose. */
    public Integer partition() {
        return partition;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ProducerRecord)) {
            return false;
        }
        ProducerRecord<?, ?> that = (ProducerRecord<?, ?>) o;
        return topic.equals(that.topic) && Objects.equals(partition, that.partition) && Objects.equals(headers, that.headers)
            && Objects.equals(key, that.key) && Objects.equals(value, that.value) && Objects.equals(timestamp, that.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, headers, key, value, timestamp);
    }

    @Override
    public String toString() {
        return "ProducerRecord(topic=" + topic + ", partition=" + partition + ", headers=" + headers + ", key=" + key
            + ", value=" + value + ", timestamp=" + timestamp + ")";
    }
}
