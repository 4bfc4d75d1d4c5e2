package io.samsa.protocol.header;

import io.samsa.protocol.types.RawTaggedField;
import io.samsa.protocol.types.Readable;
import io.samsa.protocol.types.WireFormat;
import io.samsa.protocol.types.Writable;
import java.util.List;

/**
 * A response header: v0 is the correlation id alone, v1 adds tagged fields. Which one a response
 * uses depends on the request's API and version (see {@link HeaderVersions}), not on anything in
 * the response itself. Immutable.
 */
public record ResponseHeader(int correlationId, short headerVersion, List<RawTaggedField> unknownTaggedFields) {

    public ResponseHeader {
        if (headerVersion != 0 && headerVersion != 1) {
            throw new IllegalArgumentException("response header version " + headerVersion);
        }
        unknownTaggedFields = unknownTaggedFields == null ? List.of() : List.copyOf(unknownTaggedFields);
    }

    /** The header for a response to the given request API and version. */
    public static ResponseHeader forResponse(int correlationId, short apiKey, short apiVersion) {
        return new ResponseHeader(correlationId, HeaderVersions.responseHeaderVersion(apiKey, apiVersion), List.of());
    }

    public static ResponseHeader read(Readable in, short headerVersion) {
        int correlationId = in.readInt();
        List<RawTaggedField> tagged = headerVersion >= 1 ? in.readRawTaggedFields() : List.of();
        return new ResponseHeader(correlationId, headerVersion, tagged);
    }

    public void write(Writable out) {
        out.writeInt(correlationId);
        if (headerVersion >= 1) {
            out.writeRawTaggedFields(unknownTaggedFields);
        }
    }

    public int size() {
        return headerVersion >= 1 ? 4 + WireFormat.rawTaggedFieldSectionSize(unknownTaggedFields) : 4;
    }
}
