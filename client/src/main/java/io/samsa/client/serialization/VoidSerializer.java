package io.samsa.client.serialization;

/**
 * Serializes every value as null (for topics without keys or values).
 *
 * <p>Stateless; thread-safe.
 */
public class VoidSerializer implements Serializer<Void> {
    @Override
    public byte[] serialize(String topic, Void data) {
        return null;
    }
}
