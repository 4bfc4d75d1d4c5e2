package io.samsa.client.serialization;

import java.nio.ByteBuffer;

/**
 * Serializes a Float as 4 big-endian bytes, as Kafka's.
 *
 * <p>Stateless; thread-safe.
 */
public class FloatSerializer implements Serializer<Float> {
    @Override
    public byte[] serialize(String topic, Float data) {
        return data == null ? null : ByteBuffer.allocate(4).putFloat(0, data).array();
    }
}
