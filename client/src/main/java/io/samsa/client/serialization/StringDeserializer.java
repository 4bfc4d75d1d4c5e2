package io.samsa.client.serialization;

import io.samsa.client.common.header.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Deserializes a String from the configured encoding ({@code key.deserializer.encoding}, {@code value.deserializer.encoding} or {@code deserializer.encoding}; UTF-8 by default), as Kafka's.
 *
 * <p>Thread-safe once configured (configure is called once, before use).
 */
public class StringDeserializer implements Deserializer<String> {
    private Charset encoding = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = Bytes.encoding(configs, isKey, "deserializer");
    }

    @Override
    public String deserialize(String topic, byte[] data) {
        return data == null ? null : new String(data, encoding);
    }

    /** Decodes straight from the view, without an intermediate array. */
    @Override
    public String deserialize(String topic, Headers headers, ByteBuffer data) {
        return data == null ? null : encoding.decode(data.duplicate()).toString();
    }
}
