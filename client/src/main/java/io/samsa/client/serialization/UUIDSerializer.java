package io.samsa.client.serialization;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Serializes a UUID as its canonical string form in the configured encoding (UTF-8 by default), as Kafka's {@code UUIDSerializer}.
 *
 * <p>Thread-safe once configured (configure is called once, before use).
 */
public class UUIDSerializer implements Serializer<UUID> {
    private Charset encoding = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = Bytes.encoding(configs, isKey, "serializer");
    }

    @Override
    public byte[] serialize(String topic, UUID data) {
        return data == null ? null : data.toString().getBytes(encoding);
    }
}
