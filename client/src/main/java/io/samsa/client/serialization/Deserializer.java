package io.samsa.client.serialization;

import io.samsa.client.common.header.Headers;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Turns bytes back into a key or value, as Kafka's {@code Deserializer}: same methods, same
 * defaults.
 *
 * <p>Thread-safety is up to the implementation; the consumer calls it from its polling thread.
 *
 * @param <T> the type produced
 */
public interface Deserializer<T> extends Closeable {

    /**
     * Called once, before use, with the client's configs.
     *
     * @param configs the consumer's configs
     * @param isKey   whether this deserializes keys (true) or values (false)
     */
    default void configure(Map<String, ?> configs, boolean isKey) {
    }

    /** The object for {@code data}; null in, null out. */
    T deserialize(String topic, byte[] data);

    /** As {@link #deserialize(String, byte[])}; implementations may read headers. */
    default T deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    /**
     * As {@link #deserialize(String, Headers, byte[])} from the buffer's remaining bytes, without
     * moving its position. The default copies the bytes; implementations may read the view directly.
     */
    default T deserialize(String topic, Headers headers, ByteBuffer data) {
        return deserialize(topic, headers, Bytes.remainingCopy(data));
    }

    @Override
    default void close() {
    }
}
