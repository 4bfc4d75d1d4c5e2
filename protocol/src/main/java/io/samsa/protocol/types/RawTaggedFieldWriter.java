package io.samsa.protocol.types;

import java.util.List;

/**
 * Writes a struct's unknown tagged fields interleaved with its known ones in ascending tag order,
 * as the flexible-version wire format requires. Generated code calls {@link #writeBefore} ahead of
 * each known tagged field and {@link #writeRest} at the end. Single use, not thread-safe.
 */
public final class RawTaggedFieldWriter {
    private static final RawTaggedFieldWriter EMPTY = new RawTaggedFieldWriter(List.of());

    private final List<RawTaggedField> fields;
    private int next;

    private RawTaggedFieldWriter(List<RawTaggedField> fields) {
        this.fields = fields;
    }

    /** A writer over {@code fields}, which may be null (the shared empty writer is stateless). */
    public static RawTaggedFieldWriter of(List<RawTaggedField> fields) {
        return fields == null || fields.isEmpty() ? EMPTY : new RawTaggedFieldWriter(fields);
    }

    /** Writes the unknown fields whose tag is below {@code tag}. */
    public void writeBefore(Writable out, int tag) {
        while (next < fields.size() && fields.get(next).tag() < tag) {
            write(out, fields.get(next++));
        }
    }

    public void writeRest(Writable out) {
        while (next < fields.size()) {
            write(out, fields.get(next++));
        }
    }

    private static void write(Writable out, RawTaggedField field) {
        out.writeUnsignedVarint(field.tag());
        out.writeUnsignedVarint(field.data().length);
        out.writeByteArray(field.data());
    }
}
