package io.samsa.client.serialization;

import java.nio.ByteBuffer;

/**
 * Deserializes a Float from exactly 4 big-endian bytes; any other length is a SerializationException, as in Kafka.
 *
 * <p>Stateless; thread-safe.
 */
public class FloatDeserializer implements Deserializer<Float> {
    @Override
    public Float deserialize(String topic, byte[] data) {
        return data == null ? null : ByteBuffer.wrap(Bytes.requireSize(data, 4, "FloatDeserializer")).getFloat();
    }
}
