package io.samsa.client.serialization;

/**
 * Passes a byte array through unchanged (no copy).
 *
 * <p>Stateless; thread-safe.
 */
public class ByteArrayDeserializer implements Deserializer<byte[]> {
    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return data;
    }
}
