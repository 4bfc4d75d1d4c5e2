package io.samsa.coordinator.consumer;

import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.records.proto.ConsumerGroupCurrentMemberAssignmentValue;
import io.samsa.coordinator.records.proto.ConsumerGroupMemberMetadataValue;
import io.samsa.coordinator.records.proto.ConsumerGroupMetadataValue;
import io.samsa.coordinator.records.proto.ConsumerGroupTargetAssignmentMemberValue;
import io.samsa.coordinator.records.proto.ConsumerGroupTargetAssignmentMetadataValue;
import io.samsa.coordinator.records.proto.RecordKey;
import io.samsa.coordinator.timeline.SnapshotRegistry;
import io.samsa.coordinator.timeline.TimelineHashMap;
import io.samsa.coordinator.records.proto.RecordType;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The consumer groups of one {@code __consumer_offsets} partition, by group id. Changed only by
 * {@link #replay}, one branch per record type; reverted with the shard's {@link SnapshotRegistry}.
 *
 * <p>As in Kafka, any consumer-group record creates its group when absent (compaction keeps only
 * the latest record per key, in no promised order), and only the group-metadata tombstone, written
 * last when a group is deleted, removes it.
 *
 * <p>Not thread-safe: owned by the shard's event thread.
 */
public final class ConsumerGroupStore {
    private final SnapshotRegistry registry;
    private final TimelineHashMap<String, ConsumerGroup> groups;

    public ConsumerGroupStore(SnapshotRegistry registry) {
        this.registry = registry;
        this.groups = new TimelineHashMap<>(registry);
    }

    /** @return the group, or null */
    public ConsumerGroup group(String groupId) {
        return groups.get(groupId);
    }

    /** @return every group (unmodifiable live view; do not hold across events) */
    public Collection<ConsumerGroup> groups() {
        return groups.values();
    }

    /**
     * Applies one consumer-group record.
     *
     * @throws IllegalArgumentException when the record is not a consumer-group record
     */
    public void replay(CoordinatorRecord record) {
        RecordKey key = record.key();
        String groupId = key.getGroupId();
        switch (record.type()) {
            case CONSUMER_GROUP_METADATA -> {
                if (record.isTombstone()) {
                    groups.remove(groupId);
                } else {
                    ConsumerGroupMetadataValue value = (ConsumerGroupMetadataValue) record.value();
                    getOrCreate(groupId).replayMetadata(value.getEpoch(), value.getMetadataHash());
                }
            }
            case CONSUMER_GROUP_MEMBER_METADATA -> {
                if (record.isTombstone()) {
                    ConsumerGroup group = groups.get(groupId);
                    if (group != null) {
                        group.removeMember(key.getMemberId());
                    }
                } else {
                    getOrCreate(groupId).replayMemberMetadata(
                            ConsumerGroupRecords.toMember(key.getMemberId(), (ConsumerGroupMemberMetadataValue) record.value()));
                }
            }
            case CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA -> {
                ConsumerGroupTargetAssignmentMetadataValue value = (ConsumerGroupTargetAssignmentMetadataValue) record.value();
                ConsumerGroup group = record.isTombstone() ? groups.get(groupId) : getOrCreate(groupId);
                if (group != null) {
                    group.replayTargetAssignmentEpoch(value == null ? 0 : value.getAssignmentEpoch());
                }
            }
            case CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER -> {
                ConsumerGroupTargetAssignmentMemberValue value = (ConsumerGroupTargetAssignmentMemberValue) record.value();
                ConsumerGroup group = record.isTombstone() ? groups.get(groupId) : getOrCreate(groupId);
                if (group != null) {
                    group.replayTargetAssignment(key.getMemberId(),
                            value == null ? null : ConsumerGroupRecords.toAssignment(value.getTopicPartitionsList()));
                }
            }
            case CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT -> {
                if (record.isTombstone()) {
                    ConsumerGroup group = groups.get(groupId);
                    if (group != null) {
                        group.replayCurrentAssignmentTombstone(key.getMemberId());
                    }
                } else {
                    getOrCreate(groupId).replayCurrentAssignment(key.getMemberId(), ConsumerGroupRecords.toAssignment(
                            key.getMemberId(), (ConsumerGroupCurrentMemberAssignmentValue) record.value()));
                }
            }
            default -> throw new IllegalArgumentException("not a consumer-group record: " + record.type());
        }
    }

    /**
     * The group {@code records} describe, replayed into a store of its own: a stand-alone copy for
     * an operation that writes a group and goes on working with it before the records are replayed
     * (an online upgrade). Records that are not consumer-group records are skipped.
     *
     * @return the group, or null when the records create none
     */
    public static ConsumerGroup materialize(String groupId, List<CoordinatorRecord> records) {
        ConsumerGroupStore scratch = new ConsumerGroupStore(new SnapshotRegistry());
        for (CoordinatorRecord record : records) {
            if (CONSUMER_GROUP_TYPES.contains(record.type())) {
                scratch.replay(record);
            }
        }
        return scratch.group(groupId);
    }

    private static final Set<RecordType> CONSUMER_GROUP_TYPES = EnumSet.of(RecordType.CONSUMER_GROUP_METADATA,
            RecordType.CONSUMER_GROUP_MEMBER_METADATA, RecordType.CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA,
            RecordType.CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER, RecordType.CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT);

    private ConsumerGroup getOrCreate(String groupId) {
        ConsumerGroup group = groups.get(groupId);
        if (group == null) {
            group = new ConsumerGroup(groupId, registry);
            groups.put(groupId, group);
        }
        return group;
    }
}
