package io.samsa.client.serialization;

import java.nio.ByteBuffer;

/**
 * Serializes a Short as 2 big-endian bytes, as Kafka's.
 *
 * <p>Stateless; thread-safe.
 */
public class ShortSerializer implements Serializer<Short> {
    @Override
    public byte[] serialize(String topic, Short data) {
        return data == null ? null : ByteBuffer.allocate(2).putShort(0, data).array();
    }
}
