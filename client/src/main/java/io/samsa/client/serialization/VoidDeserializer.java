package io.samsa.client.serialization;

/**
 * Accepts only null data, as Kafka's: anything else is an IllegalArgumentException.
 *
 * <p>Stateless; thread-safe.
 */
public class VoidDeserializer implements Deserializer<Void> {
    @Override
    public Void deserialize(String topic, byte[] data) {
        if (data != null) {
            throw new IllegalArgumentException("Data should be null for a VoidDeserializer.");
        }
        return null;
    }
}
