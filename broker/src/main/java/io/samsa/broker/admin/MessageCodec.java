package io.samsa.broker.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.MessageBytes;

/**
 * Request bodies in, response bodies out, for the message-level admin handlers: decodes a request
 * body with the generated codec of its API and encodes a response into a heap buffer. Admin
 * responses are small, so one exactly sized buffer per response is fine (the produce and fetch
 * paths write into pooled buffers instead).
 *
 * <p>Stateless; thread-safe.
 */
final class MessageCodec {
    private MessageCodec() {
    }

    /**
     * @param body borrowed; its readable bytes are decoded, its reader index is not moved
     * @throws io.samsa.protocol.ProtocolDecodeException (or another runtime exception) when the
     *         body does not parse: the caller lets it close the connection, as Kafka does
     */
    static ApiMessage decodeRequest(ApiMessageType type, ByteBuf body, short apiVersion) {
        return type.readRequest(new ByteBufferReadable(body.nioBuffer()), apiVersion);
    }

    /** @return a new buffer holding {@code response} at {@code version}; the caller owns it */
    static ByteBuf encodeResponse(ApiMessage response, short version) {
        return Unpooled.wrappedBuffer(MessageBytes.encode(response, version));
    }
}
