package io.samsa.client.serialization;

import java.nio.ByteBuffer;

/**
 * Serializes a Long as 8 big-endian bytes, as Kafka's.
 *
 * <p>Stateless; thread-safe.
 */
public class LongSerializer implements Serializer<Long> {
    @Override
    public byte[] serialize(String topic, Long data) {
        return data == null ? null : ByteBuffer.allocate(8).putLong(0, data).array();
    }
}
