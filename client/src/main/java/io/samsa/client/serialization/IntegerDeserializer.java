package io.samsa.client.serialization;

import java.nio.ByteBuffer;

/**
 * Deserializes a Integer from exactly 4 big-endian bytes; any other length is a SerializationException, as in Kafka.
 *
 * <p>Stateless; thread-safe.
 */
public class IntegerDeserializer implements Deserializer<Integer> {
    @Override
    public Integer deserialize(String topic, byte[] data) {
        return data == null ? null : ByteBuffer.wrap(Bytes.requireSize(data, 4, "IntegerDeserializer")).getInt();
    }
}
