package io.samsa.client.serialization;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serializes a String in the configured encoding ({@code key.serializer.encoding}, {@code value.serializer.encoding} or {@code serializer.encoding}; UTF-8 by default), as Kafka's.
 *
 * <p>Thread-safe once configured (configure is called once, before use).
 */
public class StringSerializer implements Serializer<String> {
    private Charset encoding = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = Bytes.encoding(configs, isKey, "serializer");
    }

    @Override
    public byte[] serialize(String topic, String data) {
        return data == null ? null : data.getBytes(encoding);
    }
}
