package io.samsa.protocol.types;

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

    /** Our encoding (MessageBytes checks that size() predicted it exactly). */
    static byte[] samsa(Message message, short version) {
        return MessageBytes.encode(message, version).array();
    }
}
