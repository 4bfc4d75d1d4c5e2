package io.samsa.protocol.header;

import io.samsa.protocol.ProtocolDecodeException;
import io.samsa.protocol.types.RawTaggedField;
import io.samsa.protocol.types.Readable;
import io.samsa.protocol.types.WireFormat;
import io.samsa.protocol.types.Writable;
import java.util.List;
import java.util.Objects;

/**
 * A request header, v1 or v2.
 *
 * <pre>
 * v1: api_key int16 | api_version int16 | correlation_id int32 | client_id nullable STRING (int16 length)
 * v2: v1 + tagged fields
 * </pre>
 *
 * The client id is never compact, even in v2, so that any broker can read who is asking before it
 * knows whether it understands the version. A null client id reads as "". v0 (no client id) is no
 * longer sent by any client Samsa supports. Immutable.
 */
public record RequestHeader(short apiKey, short apiVersion, int correlationId, String clientId,
                            List<RawTaggedField> unknownTaggedFields) {

    /** The first four fields sit at fixed offsets of every request, whatever its version. */
    public static final int API_KEY_OFFSET = 0;
    public static final int API_VERSION_OFFSET = 2;
    public static final int CORRELATION_ID_OFFSET = 4;
    public static final int CLIENT_ID_OFFSET = 8;

    public RequestHeader {
        clientId = clientId == null ? "" : clientId;
        unknownTaggedFields = unknownTaggedFields == null ? List.of() : List.copyOf(unknownTaggedFields);
    }

    public RequestHeader(short apiKey, short apiVersion, int correlationId, String clientId) {
        this(apiKey, apiVersion, correlationId, clientId, List.of());
    }

    /** The header layout this request uses (see {@link HeaderVersions}). */
    public short headerVersion() {
        return HeaderVersions.requestHeaderVersion(apiKey, apiVersion);
    }

    /**
     * Reads a header of the layout its own key and version call for.
     *
     * @throws ProtocolDecodeException when the bytes are malformed or the key/version is unknown
     *                                 (in which case the caller cannot know the layout)
     */
    public static RequestHeader read(Readable in) {
        short apiKey = in.readShort();
        short apiVersion = in.readShort();
        short headerVersion;
        try {
            headerVersion = HeaderVersions.requestHeaderVersion(apiKey, apiVersion);
        } catch (IllegalArgumentException e) {
            throw new ProtocolDecodeException("cannot read request header: " + e.getMessage(), e);
        }
        return readRest(in, apiKey, apiVersion, headerVersion);
    }

    /**
     * Reads a header of a layout the caller chose (a broker picks it from the handler it found for
     * the key, before it knows whether the version is one it supports).
     *
     * @param headerVersion 1 or 2
     * @throws ProtocolDecodeException when the bytes are malformed or the layout is not 1 or 2
     */
    public static RequestHeader read(Readable in, short headerVersion) {
        if (headerVersion != 1 && headerVersion != 2) {
            throw new ProtocolDecodeException("unsupported request header version " + headerVersion);
        }
        return readRest(in, in.readShort(), in.readShort(), headerVersion);
    }

    private static RequestHeader readRest(Readable in, short apiKey, short apiVersion, short headerVersion) {
        int correlationId = in.readInt();
        String clientId = in.readStringField(false, true);
        List<RawTaggedField> tagged = headerVersion >= 2 ? in.readRawTaggedFields() : List.of();
        return new RequestHeader(apiKey, apiVersion, correlationId, clientId, tagged);
    }

    public void write(Writable out) {
        out.writeShort(apiKey);
        out.writeShort(apiVersion);
        out.writeInt(correlationId);
        out.writeNullableStringField(clientId, false);
        if (headerVersion() >= 2) {
            out.writeRawTaggedFields(unknownTaggedFields);
        }
    }

    public int size() {
        int size = 8 + WireFormat.nullableStringSize(clientId, false);
        return headerVersion() >= 2 ? size + WireFormat.rawTaggedFieldSectionSize(unknownTaggedFields) : size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestHeader h && apiKey == h.apiKey && apiVersion == h.apiVersion
                && correlationId == h.correlationId && clientId.equals(h.clientId)
                && unknownTaggedFields.equals(h.unknownTaggedFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiKey, apiVersion, correlationId, clientId, unknownTaggedFields);
    }
}
