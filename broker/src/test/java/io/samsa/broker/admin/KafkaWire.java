package io.samsa.broker.admin;

import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.MessageBytes;
import io.samsa.protocol.types.Readable;
import java.nio.ByteBuffer;
import java.util.function.BiFunction;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * Crosses the wire between Samsa's generated messages and kafka-clients 4.1 (the oracle): requests
 * built by Kafka's builders are decoded by our messages, and our responses are parsed by Kafka's.
 */
final class KafkaWire {
    private KafkaWire() {
    }

    /** Serializes a kafka-clients request body and decodes it with one of our message constructors. */
    static <T extends ApiMessage> T fromKafka(AbstractRequest request, BiFunction<Readable, Short, T> decoder) {
        ByteBuffer body = request.serialize().buffer();
        if (body.position() != 0) {
            body.flip();
        }
        T decoded = decoder.apply(new ByteBufferReadable(body), request.version());
        if (body.hasRemaining()) {
            throw new AssertionError(body.remaining() + " request bytes left undecoded");
        }
        return decoded;
    }

    /** Encodes our response at {@code version} and parses it with kafka-clients. */
    @SuppressWarnings("unchecked")
    static <T extends AbstractResponse> T toKafka(ApiMessage response, short version) {
        ByteBuffer bytes = MessageBytes.encode(response, version);
        ByteBufferAccessor accessor = new ByteBufferAccessor(bytes);
        T parsed = (T) AbstractResponse.parseResponse(ApiKeys.forId(response.apiKey()), accessor, version);
        if (bytes.hasRemaining()) {
            throw new AssertionError(bytes.remaining() + " response bytes left unparsed by kafka-clients");
        }
        return parsed;
    }
}
