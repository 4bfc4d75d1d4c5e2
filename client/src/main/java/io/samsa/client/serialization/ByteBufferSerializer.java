package io.samsa.client.serialization;

import java.nio.ByteBuffer;

/**
 * Serializes the bytes of a ByteBuffer from index 0 to its limit, ignoring its position, which is
 * what Kafka 4.1's serializer sends (it rewinds the buffer first). Unlike Kafka's, the buffer's
 * position is left unchanged. When the buffer covers a whole array exactly, that array is returned
 * without a copy.
 *
 * <p>Stateless; thread-safe.
 */
public class ByteBufferSerializer implements Serializer<ByteBuffer> {
    @Override
    public byte[] serialize(String topic, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray() && data.arrayOffset() == 0 && data.array().length == data.limit()) {
            return data.array();
        }
        return Bytes.remainingCopy(data.duplicate().rewind());
    }
}
