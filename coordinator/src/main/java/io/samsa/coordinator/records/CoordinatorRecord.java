package io.samsa.coordinator.records;

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
import java.util.Objects;

/**
 * One typed record of {@code __consumer_offsets}: a key naming the record type and what it is
 * about, and the value message of that type, or null for a tombstone (delete). Build them with
 * {@code group.GroupCoordinatorRecords} (classic groups and offsets) or
 * {@code consumer.ConsumerGroupRecords}; turn them into bytes with {@link CoordinatorRecordSerde}.
 * Immutable (protobuf messages are); thread-safe.
 *
 * @param key   the key; its type decides the value's message class
 * @param value the value, or null for a tombstone
 */
public record CoordinatorRecord(RecordKey key, Message value) {

    public CoordinatorRecord {
        Objects.requireNonNull(key, "key");
        Class<? extends Message> expected = valueClass(key.getType());
        if (value != null && !expected.isInstance(value)) {
            throw new IllegalArgumentException(key.getType() + " record with a " + value.getClass().getSimpleName() + " value");
        }
    }

    public RecordType type() {
        return key.getType();
    }

    public boolean isTombstone() {
        return value == null;
    }

    /** @return the value message class for a record type */
    static Class<? extends Message> valueClass(RecordType type) {
        return switch (type) {
            case GROUP_METADATA -> GroupMetadataValue.class;
            case OFFSET_COMMIT, TXN_OFFSET_COMMIT -> OffsetCommitValue.class;
            case CONSUMER_GROUP_METADATA -> ConsumerGroupMetadataValue.class;
            case CONSUMER_GROUP_MEMBER_METADATA -> ConsumerGroupMemberMetadataValue.class;
            case CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA -> ConsumerGroupTargetAssignmentMetadataValue.class;
            case CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER -> ConsumerGroupTargetAssignmentMemberValue.class;
            case CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT -> ConsumerGroupCurrentMemberAssignmentValue.class;
            case RECORD_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("no value type for " + type);
        };
    }
}
