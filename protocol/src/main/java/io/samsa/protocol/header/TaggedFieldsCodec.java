package io.samsa.protocol.header;

import io.samsa.protocol.types.RawTaggedField;
import io.samsa.protocol.types.RawTaggedFieldWriter;
import io.samsa.protocol.types.Readable;
import io.samsa.protocol.types.WireFormat;
import io.samsa.protocol.types.Writable;
import java.util.List;

/** The tagged-field section of a flexible header: no tags are defined, so all are kept raw. */
final class TaggedFieldsCodec {
    private TaggedFieldsCodec() {
    }

    static List<RawTaggedField> read(Readable in) {
        List<RawTaggedField> fields = null;
        int count = in.readTaggedFieldCount();
        for (int i = 0; i < count; i++) {
            int tag = in.readUnsignedVarint();
            int size = in.readTaggedFieldSize();
            fields = in.readUnknownTaggedField(fields, tag, size);
        }
        return fields == null ? List.of() : fields;
    }

    static void write(Writable out, List<RawTaggedField> fields) {
        out.writeUnsignedVarint(fields.size());
        RawTaggedFieldWriter.of(fields).writeRest(out);
    }

    static int size(List<RawTaggedField> fields) {
        return WireFormat.unsignedVarintSize(fields.size()) + WireFormat.rawTaggedFieldsSize(fields);
    }
}
