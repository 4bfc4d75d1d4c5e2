package io.samsa.broker.api;

import io.netty.buffer.ByteBuf;
import io.samsa.protocol.ProtocolDecodeException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes request header v1 and v2:
 * <pre>
 *  offset 0  api_key        int16
 *         2  api_version    int16
 *         4  correlation_id int32
 *         8  client_id      int16 length (-1 = null) + UTF-8 bytes   (never compact, even in v2)
 *            tagged fields  v2 only: uvarint count, then per field uvarint tag, uvarint size, bytes
 * </pre>
 * Tagged fields are skipped; none is defined for request headers that the broker uses.
 *
 * <p>Stateless and thread-safe.
 */
public final class BasicRequestHeaderDecoder implements RequestHeaderDecoder {
    public static final BasicRequestHeaderDecoder INSTANCE = new BasicRequestHeaderDecoder();

    private static final int FIXED_PART_BYTES = 8;

    /**
     * @param frame borrowed; read from its reader index, which ends at the body. Not retained or released.
     */
    @Override
    public RequestHeader decode(ByteBuf frame, short headerVersion) {
        if (headerVersion != 1 && headerVersion != 2) {
            throw new ProtocolDecodeException("unsupported request header version " + headerVersion);
        }
        require(frame, FIXED_PART_BYTES + 2, "header");
        short apiKey = frame.readShort();
        short apiVersion = frame.readShort();
        int correlationId = frame.readInt();
        short clientIdLength = frame.readShort();
        String clientId = "";
        if (clientIdLength >= 0) {
            require(frame, clientIdLength, "client_id");
            clientId = frame.readCharSequence(clientIdLength, StandardCharsets.UTF_8).toString();
        } else if (clientIdLength != -1) {
            throw new ProtocolDecodeException("negative client_id length " + clientIdLength);
        }
        if (headerVersion == 2) {
            skipTaggedFields(frame);
        }
        return new RequestHeader(apiKey, apiVersion, correlationId, clientId, headerVersion);
    }

    private static void skipTaggedFields(ByteBuf frame) {
        int count = readUnsignedVarint(frame);
        for (int i = 0; i < count; i++) {
            readUnsignedVarint(frame); // tag
            int size = readUnsignedVarint(frame);
            require(frame, size, "tagged field");
            frame.skipBytes(size);
        }
    }

    /** Reads a protocol uvarint (not zigzag) of at most 5 bytes. */
    private static int readUnsignedVarint(ByteBuf buf) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            require(buf, 1, "varint");
            byte b = buf.readByte();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new ProtocolDecodeException("varint out of range");
                }
                return value;
            }
        }
        throw new ProtocolDecodeException("varint longer than 5 bytes");
    }

    private static void require(ByteBuf buf, int bytes, String what) {
        if (buf.readableBytes() < bytes) {
            throw new ProtocolDecodeException("truncated request " + what + ": need " + bytes + " bytes, have " + buf.readableBytes());
        }
    }
}
