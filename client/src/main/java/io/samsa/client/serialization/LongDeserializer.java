package io.samsa.client.serialization;

import java.nio.ByteBuffer;

/**
 * Deserializes a Long from exactly 8 big-endian bytes; any other length is a SerializationException, as in Kafka.
 *
 * <p>Stateless; thread-safe.
 */
public class LongDeserializer implements Deserializer<Long> {
    @Override
    public Long deserialize(String topic, byte[] data) {
        return data == null ? null : ByteBuffer.wrap(Bytes.requireSize(data, 8, "LongDeserializer")).getLong();
    }
}
