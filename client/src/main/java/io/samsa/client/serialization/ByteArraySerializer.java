package io.samsa.client.serialization;

/**
 * Passes a byte array through unchanged (no copy).
 *
 * <p>Stateless; thread-safe.
 */
public class ByteArraySerializer implements Serializer<byte[]> {
    @Override
    public byte[] serialize(String topic, byte[] data) {
        return data;
    }
}
