package io.samsa.coordinator.runtime;

import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.records.CoordinatorRecordFormatException;
import io.samsa.coordinator.records.CoordinatorRecordSerde;
import io.samsa.coordinator.records.SerializedRecord;
import java.nio.ByteBuffer;

/**
 * The runtime's default codec: the group coordinator's protobuf records of
 * {@code __consumer_offsets} ({@link CoordinatorRecordSerde}); a record of a type this broker does
 * not know loads as skipped. Stateless; thread-safe.
 */
final class GroupRecordCodec implements CoordinatorRecordCodec<CoordinatorRecord> {
    static final GroupRecordCodec INSTANCE = new GroupRecordCodec();

    private GroupRecordCodec() {
    }

    @Override
    public SerializedRecord serialize(CoordinatorRecord record) {
        return CoordinatorRecordSerde.serialize(record);
    }

    @Override
    public CoordinatorRecord deserialize(ByteBuffer key, ByteBuffer value) {
        try {
            return CoordinatorRecordSerde.deserialize(key, value);
        } catch (CoordinatorRecordFormatException e) {
            if (e.unknownType()) {
                return null;
            }
            throw e;
        }
    }
}
