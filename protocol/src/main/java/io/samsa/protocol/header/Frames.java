package io.samsa.protocol.header;

import io.samsa.protocol.ProtocolDecodeException;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.ByteBufferWritable;
import io.samsa.protocol.types.DecodeLimits;
import java.nio.ByteBuffer;

/**
 * Encodes and decodes whole frames: {@code int32 size | header | body}. The broker and the client
 * both speak through here, so the header rules live in one place ({@link HeaderVersions}).
 *
 * <p>Stateless and thread-safe. Buffers returned are fresh heap buffers owned by the caller;
 * buffers passed in are read from their position without being modified.
 */
public final class Frames {
    /** Bytes of the int32 size that leads every frame. */
    public static final int SIZE_PREFIX_BYTES = 4;

    private Frames() {
    }

    /** A request frame, size prefix included, ready to write to a socket. */
    public static ByteBuffer encodeRequest(RequestHeader header, ApiMessage body) {
        return encode(header.size(), body.size(header.apiVersion()), out -> {
            header.write(out);
            body.write(out, header.apiVersion());
        });
    }

    /** A response frame, size prefix included, for a request of {@code apiKey} at {@code apiVersion}. */
    public static ByteBuffer encodeResponse(int correlationId, short apiVersion, ApiMessage body) {
        ResponseHeader header = ResponseHeader.forResponse(correlationId, body.apiKey(), apiVersion);
        return encode(header.size(), body.size(apiVersion), out -> {
            header.write(out);
            body.write(out, apiVersion);
        });
    }

    /**
     * Decodes a request from a frame body (the bytes after the size prefix).
     *
     * @throws ProtocolDecodeException on malformed bytes or an unknown API key or version
     */
    public static DecodedRequest decodeRequest(ByteBuffer frame, DecodeLimits limits) {
        ByteBufferReadable in = new ByteBufferReadable(frame.duplicate(), limits);
        RequestHeader header = RequestHeader.read(in);
        ApiMessageType type = ApiMessageType.fromApiKey(header.apiKey());
        if (type == null || !type.isVersionSupported(header.apiVersion())) {
            throw new ProtocolDecodeException("unsupported request " + header.apiKey() + " v" + header.apiVersion());
        }
        return new DecodedRequest(header, type.readRequest(in, header.apiVersion()));
    }

    /**
     * Decodes a response from a frame body, given the request it answers.
     *
     * @throws ProtocolDecodeException on malformed bytes
     */
    public static DecodedResponse decodeResponse(ByteBuffer frame, short apiKey, short apiVersion, DecodeLimits limits) {
        ByteBufferReadable in = new ByteBufferReadable(frame.duplicate(), limits);
        ResponseHeader header = ResponseHeader.read(in, HeaderVersions.responseHeaderVersion(apiKey, apiVersion));
        ApiMessageType type = ApiMessageType.fromApiKey(apiKey);
        return new DecodedResponse(header, type.readResponse(in, apiVersion));
    }

    /** Reads the correlation id of a response frame body without decoding anything else. */
    public static int peekCorrelationId(ByteBuffer frame) {
        if (frame.remaining() < 4) {
            throw new ProtocolDecodeException("response frame of " + frame.remaining() + " bytes has no correlation id");
        }
        return frame.getInt(frame.position());
    }

    private interface Body {
        void writeTo(ByteBufferWritable out);
    }

    private static ByteBuffer encode(int headerBytes, int bodyBytes, Body body) {
        int frameBytes = headerBytes + bodyBytes;
        ByteBuffer buffer = ByteBuffer.allocate(SIZE_PREFIX_BYTES + frameBytes);
        buffer.putInt(frameBytes);
        ByteBufferWritable out = new ByteBufferWritable(buffer);
        body.writeTo(out);
        if (buffer.position() != buffer.capacity()) {
            throw new IllegalStateException("encoded " + (buffer.position() - SIZE_PREFIX_BYTES)
                    + " bytes but the size said " + frameBytes);
        }
        return buffer.flip();
    }

    /** A decoded request: its header and its body. */
    public record DecodedRequest(RequestHeader header, ApiMessage body) {
    }

    /** A decoded response: its header and its body. */
    public record DecodedResponse(ResponseHeader header, ApiMessage body) {
    }
}
