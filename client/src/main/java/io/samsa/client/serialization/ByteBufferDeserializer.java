package io.samsa.client.serialization;

import io.samsa.client.common.header.Headers;
import java.nio.ByteBuffer;

/**
 * Wraps the bytes in a ByteBuffer (a view; no copy).
 *
 * <p>Stateless; thread-safe.
 */
public class ByteBufferDeserializer implements Deserializer<ByteBuffer> {
    @Override
    public ByteBuffer deserialize(String topic, byte[] data) {
        return data == null ? null : ByteBuffer.wrap(data);
    }

    @Override
    public ByteBuffer deserialize(String topic, Headers headers, ByteBuffer data) {
        return data;
    }
}
