package io.samsa.client.serialization;

import io.samsa.client.errors.SerializationException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;

/**
 * Helpers shared by the built-in serializers: buffer copies and the text-encoding config lookup.
 *
 * <p>Stateless; thread-safe.
 */
final class Bytes {
    private Bytes() {
    }

    /** A copy of the buffer's remaining bytes, leaving its position unchanged; null for null. */
    static byte[] remainingCopy(ByteBuffer data) {
        if (data == null) {
            return null;
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }

    /**
     * The charset configured for a text (de)serializer: {@code key.<kind>.encoding} or
     * {@code value.<kind>.encoding}, else {@code <kind>.encoding}, else UTF-8.
     *
     * @param kind "serializer" or "deserializer"
     */
    static Charset encoding(Map<String, ?> configs, boolean isKey, String kind) {
        String specific = (isKey ? "key." : "value.") + kind + ".encoding";
        Object value = configs.get(specific);
        String key = specific;
        if (value == null) {
            key = kind + ".encoding";
            value = configs.get(key);
        }
        if (value == null) {
            return StandardCharsets.UTF_8;
        }
        if (value instanceof Charset) {
            return (Charset) value;
        }
        try {
            return Charset.forName(value.toString());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new SerializationException("Unsupported encoding " + value + " in " + key, e);
        }
    }

    /** Checks a fixed-width input's length and returns it, naming the deserializer in the error. */
    static byte[] requireSize(byte[] data, int size, String deserializerName) {
        if (data.length != size) {
            throw new SerializationException("Size of data received by " + deserializerName + " is not " + size);
        }
        return data;
    }
}
