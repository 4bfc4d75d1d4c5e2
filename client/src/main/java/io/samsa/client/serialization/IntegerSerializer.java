package io.samsa.client.serialization;

import java.nio.ByteBuffer;

/**
 * Serializes a Integer as 4 big-endian bytes, as Kafka's.
 *
 * <p>Stateless; thread-safe.
 */
public class IntegerSerializer implements Serializer<Integer> {
    @Override
    public byte[] serialize(String topic, Integer data) {
        return data == null ? null : ByteBuffer.allocate(4).putInt(0, data).array();
    }
}
