package io.samsa.client.serialization;

import java.nio.ByteBuffer;

/**
 * Deserializes a Double from exactly 8 big-endian bytes; any other length is a SerializationException, as in Kafka.
 *
 * <p>Stateless; thread-safe.
 */
public class DoubleDeserializer implements Deserializer<Double> {
    @Override
    public Double deserialize(String topic, byte[] data) {
        return data == null ? null : ByteBuffer.wrap(Bytes.requireSize(data, 8, "DoubleDeserializer")).getDouble();
    }
}
