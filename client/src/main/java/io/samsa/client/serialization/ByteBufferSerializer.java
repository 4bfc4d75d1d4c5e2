package io.samsa.client.serialization;

import java.nio.ByteBuffer;

/**
 * Serializes a ByteBuffer's remaining bytes (position to limit) without moving its position, as Kafka 4's. When the buffer wraps a whole array exactly, that array is returned without a copy.
 *
 * <p>Stateless; thread-safe.
 */
public class ByteBufferSerializer implements Serializer<ByteBuffer> {
    @Override
    public byte[] serialize(String topic, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray() && data.arrayOffset() == 0 && data.position() == 0 && data.array().length == data.remaining()) {
            return data.array();
        }
        return Bytes.remainingCopy(data);
    }
}
