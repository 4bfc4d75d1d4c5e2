package io.samsa.broker.api;

import io.netty.buffer.ByteBuf;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.types.ByteBufferReadable;
import java.nio.ByteBuffer;

/**
 * Decodes request header v1 or v2 with the protocol module's {@link RequestHeader#read(
 * io.samsa.protocol.types.Readable, short)}. The layout is chosen by the caller (the handler's
 * {@code requestHeaderVersion}), not looked up here, so ApiVersions requests of versions Samsa does
 * not know still decode.
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
        ByteBuffer view = frame.nioBuffer();
        int start = view.position();
        RequestHeader header = RequestHeader.read(new ByteBufferReadable(view), headerVersion);
        frame.skipBytes(view.position() - start);
        return header;
    }
}
