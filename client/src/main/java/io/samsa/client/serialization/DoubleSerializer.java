package io.samsa.client.serialization;

import java.nio.ByteBuffer;

/**
 * Serializes a Double as 8 big-endian bytes, as Kafka's.
 *
 * <p>Stateless; thread-safe.
 */
public class DoubleSerializer implements Serializer<Double> {
    @Override
    public byte[] serialize(String topic, Double data) {
        return data == null ? null : ByteBuffer.allocate(8).putDouble(0, data).array();
    }
}
