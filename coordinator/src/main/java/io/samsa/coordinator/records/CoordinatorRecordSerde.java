package io.samsa.coordinator.records;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.samsa.coordinator.records.proto.ConsumerGroupCurrentMemberAssignmentValue;
import io.samsa.coordinator.records.proto.ConsumerGroupMemberMetadataValue;
import io.samsa.coordinator.records.proto.ConsumerGroupMetadataValue;
import io.samsa.coordinator.records.proto.ConsumerGroupTargetAssignmentMemberValue;
import io.samsa.coordinator.records.proto.ConsumerGroupTargetAssignmentMetadataValue;
import io.samsa.coordinator.records.proto.GroupMetadataValue;
import io.samsa.coordinator.records.proto.OffsetCommitValue;
import io.samsa.coordinator.records.proto.RecordKey;
import io.samsa.coordinator.records.proto.RecordType;
import java.nio.ByteBuffer;

/**
 * Turns {@link CoordinatorRecord}s into the key and value bytes of {@code __consumer_offsets}
 * records and back. Protobuf wire format for both; the value's message class follows from the
 * key's {@link RecordType}. Stateless; thread-safe.
 */
public final class CoordinatorRecordSerde {
    private CoordinatorRecordSerde() {
    }

    public static SerializedRecord serialize(CoordinatorRecord record) {
        byte[] value = record.value() == null ? null : record.value().toByteArray();
        return new SerializedRecord(record.key().toByteArray(), value);
    }

    public static CoordinatorRecord deserialize(SerializedRecord record) {
        return deserialize(ByteBuffer.wrap(record.key()), record.value() == null ? null : ByteBuffer.wrap(record.value()));
    }

    /**
     * @param key   the record key bytes (read from position to limit; the buffer is not modified)
     * @param value the record value bytes, or null for a tombstone
     * @throws CoordinatorRecordFormatException for unparseable bytes or an unknown record type
     */
    public static CoordinatorRecord deserialize(ByteBuffer key, ByteBuffer value) {
        RecordKey parsedKey;
        try {
            parsedKey = RecordKey.parseFrom(key.duplicate());
        } catch (InvalidProtocolBufferException e) {
            throw new CoordinatorRecordFormatException("unparseable record key", false, e);
        }
        RecordType type = parsedKey.getType();
        if (type == RecordType.RECORD_TYPE_UNSPECIFIED || type == RecordType.UNRECOGNIZED) {
            throw new CoordinatorRecordFormatException("unknown record type " + parsedKey.getTypeValue(), true, null);
        }
        if (value == null) {
            return new CoordinatorRecord(parsedKey, null);
        }
        try {
            return new CoordinatorRecord(parsedKey, parseValue(type, value.duplicate()));
        } catch (InvalidProtocolBufferException e) {
            throw new CoordinatorRecordFormatException("unparseable " + type + " value", false, e);
        }
    }

    private static Message parseValue(RecordType type, ByteBuffer value) throws InvalidProtocolBufferException {
        return switch (type) {
            case GROUP_METADATA -> GroupMetadataValue.parseFrom(value);
            case OFFSET_COMMIT, TXN_OFFSET_COMMIT -> OffsetCommitValue.parseFrom(value);
            case CONSUMER_GROUP_METADATA -> ConsumerGroupMetadataValue.parseFrom(value);
            case CONSUMER_GROUP_MEMBER_METADATA -> ConsumerGroupMemberMetadataValue.parseFrom(value);
            case CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA -> ConsumerGroupTargetAssignmentMetadataValue.parseFrom(value);
            case CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER -> ConsumerGroupTargetAssignmentMemberValue.parseFrom(value);
            case CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT -> ConsumerGroupCurrentMemberAssignmentValue.parseFrom(value);
            case RECORD_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalStateException("checked above: " + type);
        };
    }
}
