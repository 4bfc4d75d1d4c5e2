package io.samsa.metadata.records;

import io.samsa.metadata.records.proto.UuidValue;
import io.samsa.protocol.types.Uuid;

/** Converts between Samsa's {@link Uuid} and its protobuf form in metadata records. Stateless. */
public final class Uuids {
    private Uuids() {
    }

    public static UuidValue toProto(Uuid id) {
        return UuidValue.newBuilder()
                .setMostSignificant(id.mostSignificantBits())
                .setLeastSignificant(id.leastSignificantBits())
                .build();
    }

    public static Uuid fromProto(UuidValue value) {
        return new Uuid(value.getMostSignificant(), value.getLeastSignificant());
    }
}
