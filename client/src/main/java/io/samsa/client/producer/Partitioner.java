package io.samsa.client.producer;

import io.samsa.client.common.Cluster;
import java.io.Closeable;
import java.util.Map;

/**
 * A custom partitioner ({@code partitioner.class}), shaped as Kafka's. Without one, the producer
 * uses its built-in rule: murmur2 of the key bytes for keyed records, sticky batches for others.
 *
 * <p>Called from threads calling {@code send}; implementations must be thread-safe.
 */
public interface Partitioner extends Closeable {

    /** Called once with the producer's configs before use. */
    default void configure(Map<String, ?> configs) {
    }

    /**
     * The partition for a record.
     *
     * @param keyBytes   the serialized key, or null
     * @param valueBytes the serialized value, or null
     * @param cluster    current metadata, in which the topic is known
     */
    int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster);

    @Override
    void close();
}
