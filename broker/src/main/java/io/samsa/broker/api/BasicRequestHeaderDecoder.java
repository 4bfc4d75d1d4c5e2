package io.samsa.broker.api;

import io.netty.buffer.ByteBuf;
import io.samsa.protocol.ProtocolDecodeException;
import io.samsa.protocol.types.ByteBufferReadable;
import java.nio.ByteBuffer;

/**
 * Decodes request header v1 and v2 with the protocol module's primitives:
 * <pre>
 *  offset 0  api_key        int16
 *         2  api_version    int16
 *         4  correlation_id int32
 *         8  client_id      int16 length (-1 = null) + UTF-8 bytes   (never compact, even in v2)
 *            tagged fields  v2 only: uvarint count, then per field uvarint tag, uvarint size, bytes
 * </pre>
 * Tagged fields are read and dropped; none is defined for request headers. The layout is chosen
 * by the caller (the handler's {@code requestHeaderVersion}), not looked up here, so ApiVersions
 * requests of versions Samsa does not know still decode.
 *
 * <p>Stateless and thread-safe.
 */
public final class BasicRequestHeaderDecoder implements RequestHeaderDecoder {
    public static final BasicRequestHeaderDecoder INSTANCE = new BasicRequestHeaderDecoder();

    /**
     * @param frame borrowed; read from its reader index, which ends at the body. Not retained or released.
     */
    @Override
    public RequestHeader decode(ByteBuf frame, short headerVersion) {
        if (headerVersion != 1 && headerVersion != 2) {
            throw new ProtocolDecodeException("unsupported request header version " + headerVersion);
        }
        ByteBuffer view = frame.nioBuffer();
        int start = view.position();
        ByteBufferReadable in = new ByteBufferReadable(view);
        short apiKey = in.readShort();
        short apiVersion = in.readShort();
        int correlationId = in.readInt();
        String clientId = in.readStringField(false, true);
        if (headerVersion == 2) {
            in.readRawTaggedFields();
        }
        frame.skipBytes(view.position() - start);
        return new RequestHeader(apiKey, apiVersion, correlationId, clientId == null ? "" : clientId, headerVersion);
    }
}
