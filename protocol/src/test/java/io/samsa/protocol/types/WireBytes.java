package io.samsa.protocol.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/** Test helper: the encoded bytes of a kafka-clients message and of one of ours. Stateless. */
final class WireBytes {
    private WireBytes() {
    }

    static byte[] kafka(org.apache.kafka.common.protocol.Message message, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer buffer = ByteBuffer.allocate(message.size(cache, version));
        message.write(new ByteBufferAccessor(buffer), cache, version);
        return buffer.array();
    }

    /** Our encoding, checking on the way that size() predicted it exactly. */
    static byte[] samsa(Message message, short version) {
        ByteBuffer buffer = ByteBuffer.allocate(message.size(version));
        message.write(new ByteBufferWritable(buffer), version);
        assertEquals(0, buffer.remaining(), "size() must match the bytes written");
        return buffer.array();
    }
}
