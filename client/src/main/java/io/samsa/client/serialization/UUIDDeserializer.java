package io.samsa.client.serialization;

import io.samsa.client.errors.SerializationException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Deserializes a UUID from its canonical string form, as Kafka's {@code UUIDDeserializer}.
 *
 * <p>Thread-safe once configured (configure is called once, before use).
 */
public class UUIDDeserializer implements Deserializer<UUID> {
    private Charset encoding = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = Bytes.encoding(configs, isKey, "deserializer");
    }

    @Override
    public UUID deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return UUID.fromString(new String(data, encoding));
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Error parsing data into UUID", e);
        }
    }
}
