package io.samsa.coordinator.records;

import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupMember;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.MemberProtocol;
import io.samsa.coordinator.offsets.CommittedOffset;
import io.samsa.coordinator.records.proto.GroupMetadataValue;
import io.samsa.coordinator.records.proto.GroupStateValue;
import io.samsa.coordinator.records.proto.MemberProtocolValue;
import io.samsa.coordinator.records.proto.MemberValue;
import io.samsa.coordinator.records.proto.OffsetCommitValue;
import io.samsa.coordinator.records.proto.RecordKey;
import io.samsa.coordinator.records.proto.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The one place coordinator records are made: a factory pair per record type
 * ({@code new...Record} and {@code new...TombstoneRecord}), plus the inverse readers replay uses to
 * turn a value back into the domain object. Keeping both directions here keeps the mapping between
 * domain model and protobuf in one file. Stateless; thread-safe.
 */
public final class GroupCoordinatorRecords {
    private GroupCoordinatorRecords() {
    }

    /** @return the record holding the whole state of {@code group}; the group must not be Dead */
    public static CoordinatorRecord newGroupMetadataRecord(ClassicGroup group) {
        GroupMetadataValue.Builder value = GroupMetadataValue.newBuilder()
                .setProtocolType(group.protocolType() == null ? "" : group.protocolType())
                .setGeneration(group.generationId())
                .setState(toValue(group.state()))
                .setCurrentStateTimestampMs(group.currentStateTimestampMs());
        if (group.protocolName() != null) {
            value.setProtocolName(group.protocolName());
        }
        if (group.leaderId() != null) {
            value.setLeaderId(group.leaderId());
        }
        for (ClassicGroupMember member : group.members()) {
            value.addMembers(toValue(member));
        }
        return new CoordinatorRecord(groupKey(group.groupId()), value.build());
    }

    /** @return the tombstone deleting a group's metadata (its offsets have their own tombstones) */
    public static CoordinatorRecord newGroupMetadataTombstoneRecord(String groupId) {
        return new CoordinatorRecord(groupKey(groupId), null);
    }

    public static CoordinatorRecord newOffsetCommitRecord(String groupId, String topic, int partition, CommittedOffset offset) {
        OffsetCommitValue.Builder value = OffsetCommitValue.newBuilder()
                .setOffset(offset.offset())
                .setLeaderEpoch(offset.leaderEpoch())
                .setMetadata(offset.metadata())
                .setCommitTimestampMs(offset.commitTimestampMs());
        offset.expireTimestampMs().ifPresent(value::setExpireTimestampMs);
        return new CoordinatorRecord(offsetKey(groupId, topic, partition), value.build());
    }

    public static CoordinatorRecord newOffsetCommitTombstoneRecord(String groupId, String topic, int partition) {
        return new CoordinatorRecord(offsetKey(groupId, topic, partition), null);
    }

    /** An offset {@code producerId} committed in its open transaction (pending until the marker). */
    public static CoordinatorRecord newTxnOffsetCommitRecord(String groupId, String topic, int partition, long producerId,
                                                             CommittedOffset offset) {
        CoordinatorRecord plain = newOffsetCommitRecord(groupId, topic, partition, offset);
        return new CoordinatorRecord(txnOffsetKey(groupId, topic, partition, producerId), plain.value());
    }

    public static CoordinatorRecord newTxnOffsetCommitTombstoneRecord(String groupId, String topic, int partition, long producerId) {
        return new CoordinatorRecord(txnOffsetKey(groupId, topic, partition, producerId), null);
    }

    private static RecordKey txnOffsetKey(String groupId, String topic, int partition, long producerId) {
        return RecordKey.newBuilder().setType(RecordType.TXN_OFFSET_COMMIT)
                .setGroupId(groupId).setTopic(topic).setPartition(partition).setProducerId(producerId).build();
    }

    /** Reads a group back from its record value; the inverse of {@link #newGroupMetadataRecord}. */
    public static ClassicGroup toClassicGroup(String groupId, GroupMetadataValue value) {
        List<ClassicGroupMember> members = new ArrayList<>(value.getMembersCount());
        for (MemberValue member : value.getMembersList()) {
            members.add(toMember(member));
        }
        String protocolType = value.getProtocolType().isEmpty() ? null : value.getProtocolType();
        return new ClassicGroup(groupId, toState(value.getState()), value.getCurrentStateTimestampMs(),
                protocolType, value.getGeneration(),
                value.hasProtocolName() ? value.getProtocolName() : null,
                value.hasLeaderId() ? value.getLeaderId() : null,
                members);
    }

    /** Reads a committed offset back; the inverse of {@link #newOffsetCommitRecord}. */
    public static CommittedOffset toCommittedOffset(OffsetCommitValue value) {
        return new CommittedOffset(value.getOffset(), value.getLeaderEpoch(), value.getMetadata(),
                value.getCommitTimestampMs(),
                value.hasExpireTimestampMs() ? OptionalLong.of(value.getExpireTimestampMs()) : OptionalLong.empty());
    }

    private static RecordKey groupKey(String groupId) {
        return RecordKey.newBuilder().setType(RecordType.GROUP_METADATA).setGroupId(groupId).build();
    }

    private static RecordKey offsetKey(String groupId, String topic, int partition) {
        return RecordKey.newBuilder().setType(RecordType.OFFSET_COMMIT)
                .setGroupId(groupId).setTopic(topic).setPartition(partition).build();
    }

    private static MemberValue toValue(ClassicGroupMember member) {
        MemberValue.Builder value = MemberValue.newBuilder()
                .setMemberId(member.memberId())
                .setClientId(member.clientId())
                .setClientHost(member.clientHost())
                .setSessionTimeoutMs(member.sessionTimeoutMs())
                .setRebalanceTimeoutMs(member.rebalanceTimeoutMs())
                .setAssignment(member.assignment());
        if (member.groupInstanceId() != null) {
            value.setGroupInstanceId(member.groupInstanceId());
        }
        for (MemberProtocol protocol : member.protocols()) {
            value.addProtocols(MemberProtocolValue.newBuilder().setName(protocol.name()).setMetadata(protocol.metadata()));
        }
        return value.build();
    }

    private static ClassicGroupMember toMember(MemberValue value) {
        List<MemberProtocol> protocols = new ArrayList<>(value.getProtocolsCount());
        for (MemberProtocolValue protocol : value.getProtocolsList()) {
            protocols.add(new MemberProtocol(protocol.getName(), protocol.getMetadata()));
        }
        return new ClassicGroupMember(value.getMemberId(),
                value.hasGroupInstanceId() ? value.getGroupInstanceId() : null,
                value.getClientId(), value.getClientHost(),
                value.getSessionTimeoutMs(), value.getRebalanceTimeoutMs(),
                protocols, value.getAssignment());
    }

    private static GroupStateValue toValue(ClassicGroupState state) {
        return switch (state) {
            case EMPTY -> GroupStateValue.EMPTY;
            case PREPARING_REBALANCE -> GroupStateValue.PREPARING_REBALANCE;
            case COMPLETING_REBALANCE -> GroupStateValue.COMPLETING_REBALANCE;
            case STABLE -> GroupStateValue.STABLE;
            case DEAD -> throw new IllegalArgumentException("a Dead group is deleted with a tombstone, not written");
        };
    }

    private static ClassicGroupState toState(GroupStateValue value) {
        return switch (value) {
            case EMPTY -> ClassicGroupState.EMPTY;
            case PREPARING_REBALANCE -> ClassicGroupState.PREPARING_REBALANCE;
            case COMPLETING_REBALANCE -> ClassicGroupState.COMPLETING_REBALANCE;
            case STABLE -> ClassicGroupState.STABLE;
            case GROUP_STATE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("unknown group state " + value);
        };
    }
}
