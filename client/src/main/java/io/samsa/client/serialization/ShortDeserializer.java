package io.samsa.client.serialization;

import java.nio.ByteBuffer;

/**
 * Deserializes a Short from exactly 2 big-endian bytes; any other length is a SerializationException, as in Kafka.
 *
 * <p>Stateless; thread-safe.
 */
public class ShortDeserializer implements Deserializer<Short> {
    @Override
    public Short deserialize(String topic, byte[] data) {
        return data == null ? null : ByteBuffer.wrap(Bytes.requireSize(data, 2, "ShortDeserializer")).getShort();
    }
}
