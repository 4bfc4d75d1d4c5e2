package io.samsa.client.serialization;

import io.samsa.client.common.header.Headers;
import java.io.Closeable;
import java.util.Map;

/**
 * Turns a key or value into bytes, as Kafka's {@code Serializer}: same methods, same defaults.
 * Instances are created by the producer from {@code key.serializer}/{@code value.serializer}
 * (class names need a public no-argument constructor) or passed in ready-made.
 *
 * <p>Thread-safety is up to the implementation; the producer may call {@code serialize} from any
 * thread that calls {@code send}, so the built-in ones are stateless after {@link #configure}.
 *
 * @param <T> the type serialized
 */
public interface Serializer<T> extends Closeable {

    /**
     * Called once, before use, with the client's configs.
     *
     * @param configs the producer's configs
     * @param isKey   whether this serializes keys (true) or values (false)
     */
    default void configure(Map<String, ?> configs, boolean isKey) {
    }

    /** The bytes for {@code data}; null in, null out (a null value is a tombstone). */
    byte[] serialize(String topic, T data);

    /** As {@link #serialize(String, Object)}; implementations may read or add headers. */
    default byte[] serialize(String topic, Headers headers, T data) {
        return serialize(topic, data);
    }

    @Override
    default void close() {
    }
}
