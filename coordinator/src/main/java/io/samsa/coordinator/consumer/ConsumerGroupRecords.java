package io.samsa.coordinator.consumer;

import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.records.proto.ClassicMemberMetadataValue;
import io.samsa.coordinator.records.proto.ConsumerGroupCurrentMemberAssignmentValue;
import io.samsa.coordinator.records.proto.ConsumerGroupMemberMetadataValue;
import io.samsa.coordinator.records.proto.ConsumerGroupMetadataValue;
import io.samsa.coordinator.records.proto.ConsumerGroupTargetAssignmentMemberValue;
import io.samsa.coordinator.records.proto.ConsumerGroupTargetAssignmentMetadataValue;
import io.samsa.coordinator.records.proto.MemberProtocolValue;
import io.samsa.coordinator.records.proto.RecordKey;
import io.samsa.coordinator.records.proto.RecordType;
import io.samsa.coordinator.records.proto.TopicPartitionsValue;
import io.samsa.protocol.types.Uuid;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The consumer-group records of {@code __consumer_offsets}: one factory pair per record type
 * ({@code new...Record}, {@code new...TombstoneRecord}) and the readers replay uses, so the mapping
 * between the consumer-group model and protobuf sits in one file (the classic group's is
 * {@code GroupCoordinatorRecords}). Stateless; thread-safe.
 */
public final class ConsumerGroupRecords {
    private ConsumerGroupRecords() {
    }

    public static CoordinatorRecord newGroupMetadataRecord(String groupId, int epoch, long metadataHash) {
        return new CoordinatorRecord(groupKey(RecordType.CONSUMER_GROUP_METADATA, groupId),
                ConsumerGroupMetadataValue.newBuilder().setEpoch(epoch).setMetadataHash(metadataHash).build());
    }

    public static CoordinatorRecord newGroupMetadataTombstoneRecord(String groupId) {
        return new CoordinatorRecord(groupKey(RecordType.CONSUMER_GROUP_METADATA, groupId), null);
    }

    public static CoordinatorRecord newMemberMetadataRecord(String groupId, ConsumerGroupMember member) {
        ConsumerGroupMemberMetadataValue.Builder value = ConsumerGroupMemberMetadataValue.newBuilder()
                .setClientId(member.clientId())
                .setClientHost(member.clientHost())
                .addAllSubscribedTopicNames(member.subscribedTopicNames())
                .setRebalanceTimeoutMs(member.rebalanceTimeoutMs());
        if (member.instanceId() != null) {
            value.setInstanceId(member.instanceId());
        }
        if (member.rackId() != null) {
            value.setRackId(member.rackId());
        }
        if (member.subscribedTopicRegex() != null) {
            value.setSubscribedTopicRegex(member.subscribedTopicRegex());
        }
        if (member.serverAssignor() != null) {
            value.setServerAssignor(member.serverAssignor());
        }
        if (member.classic() != null) {
            ClassicMemberMetadataValue.Builder classic = ClassicMemberMetadataValue.newBuilder()
                    .setSessionTimeoutMs(member.classic().sessionTimeoutMs());
            member.classic().protocols().forEach(protocol -> classic.addSupportedProtocols(
                    MemberProtocolValue.newBuilder().setName(protocol.name()).setMetadata(protocol.metadata())));
            value.setClassicMemberMetadata(classic);
        }
        return new CoordinatorRecord(memberKey(RecordType.CONSUMER_GROUP_MEMBER_METADATA, groupId, member.memberId()), value.build());
    }

    public static CoordinatorRecord newMemberMetadataTombstoneRecord(String groupId, String memberId) {
        return new CoordinatorRecord(memberKey(RecordType.CONSUMER_GROUP_MEMBER_METADATA, groupId, memberId), null);
    }

    public static CoordinatorRecord newTargetAssignmentEpochRecord(String groupId, int assignmentEpoch) {
        return new CoordinatorRecord(groupKey(RecordType.CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA, groupId),
                ConsumerGroupTargetAssignmentMetadataValue.newBuilder().setAssignmentEpoch(assignmentEpoch).build());
    }

    public static CoordinatorRecord newTargetAssignmentEpochTombstoneRecord(String groupId) {
        return new CoordinatorRecord(groupKey(RecordType.CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA, groupId), null);
    }

    public static CoordinatorRecord newTargetAssignmentRecord(String groupId, String memberId, Assignment target) {
        return new CoordinatorRecord(memberKey(RecordType.CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER, groupId, memberId),
                ConsumerGroupTargetAssignmentMemberValue.newBuilder().addAllTopicPartitions(toValue(target)).build());
    }

    public static CoordinatorRecord newTargetAssignmentTombstoneRecord(String groupId, String memberId) {
        return new CoordinatorRecord(memberKey(RecordType.CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER, groupId, memberId), null);
    }

    public static CoordinatorRecord newCurrentAssignmentRecord(String groupId, ConsumerGroupMember member) {
        return new CoordinatorRecord(memberKey(RecordType.CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT, groupId, member.memberId()),
                ConsumerGroupCurrentMemberAssignmentValue.newBuilder()
                        .setMemberEpoch(member.memberEpoch())
                        .setPreviousMemberEpoch(member.previousMemberEpoch())
                        .setState(member.state().value())
                        .addAllAssignedPartitions(toValue(member.assigned()))
                        .addAllPartitionsPendingRevocation(toValue(member.pendingRevocation()))
                        .build());
    }

    public static CoordinatorRecord newCurrentAssignmentTombstoneRecord(String groupId, String memberId) {
        return new CoordinatorRecord(memberKey(RecordType.CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT, groupId, memberId), null);
    }

    /** @return the member described by a member-metadata value (reconciliation fields at their join values) */
    static ConsumerGroupMember toMember(String memberId, ConsumerGroupMemberMetadataValue value) {
        return new ConsumerGroupMember(memberId,
                value.hasInstanceId() ? value.getInstanceId() : null,
                value.hasRackId() ? value.getRackId() : null,
                value.getClientId(), value.getClientHost(),
                value.getSubscribedTopicNamesList(),
                value.hasSubscribedTopicRegex() ? value.getSubscribedTopicRegex() : null,
                value.getRebalanceTimeoutMs(),
                value.hasServerAssignor() ? value.getServerAssignor() : null,
                0, 0, MemberState.STABLE, Assignment.EMPTY, Assignment.EMPTY,
                value.hasClassicMemberMetadata() ? toClassic(value.getClassicMemberMetadata()) : null);
    }

    private static ClassicMemberMetadata toClassic(ClassicMemberMetadataValue value) {
        return new ClassicMemberMetadata(value.getSessionTimeoutMs(), value.getSupportedProtocolsList().stream()
                .map(protocol -> new ClassicMemberMetadata.Protocol(protocol.getName(), protocol.getMetadata())).toList());
    }

    /** @return a member carrying only the reconciliation fields of a current-assignment value */
    static ConsumerGroupMember toAssignment(String memberId, ConsumerGroupCurrentMemberAssignmentValue value) {
        return ConsumerGroupMember.joining(memberId).withAssignment(value.getMemberEpoch(), value.getPreviousMemberEpoch(),
                MemberState.of(value.getState()), toAssignment(value.getAssignedPartitionsList()),
                toAssignment(value.getPartitionsPendingRevocationList()));
    }

    static Assignment toAssignment(List<TopicPartitionsValue> values) {
        Map<Uuid, Set<Integer>> partitions = new TreeMap<>();
        for (TopicPartitionsValue value : values) {
            Uuid topicId = new Uuid(value.getTopicIdMostSignificantBits(), value.getTopicIdLeastSignificantBits());
            partitions.computeIfAbsent(topicId, id -> new TreeSet<>()).addAll(value.getPartitionsList());
        }
        return Assignment.of(partitions);
    }

    private static List<TopicPartitionsValue> toValue(Assignment assignment) {
        return assignment.partitions().entrySet().stream().map(entry -> toValue(entry.getKey(), entry.getValue())).toList();
    }

    private static TopicPartitionsValue toValue(Uuid topicId, SortedSet<Integer> partitions) {
        return TopicPartitionsValue.newBuilder()
                .setTopicIdMostSignificantBits(topicId.mostSignificantBits())
                .setTopicIdLeastSignificantBits(topicId.leastSignificantBits())
                .addAllPartitions(partitions)
                .build();
    }

    private static RecordKey groupKey(RecordType type, String groupId) {
        return RecordKey.newBuilder().setType(type).setGroupId(groupId).build();
    }

    private static RecordKey memberKey(RecordType type, String groupId, String memberId) {
        return RecordKey.newBuilder().setType(type).setGroupId(groupId).setMemberId(memberId).build();
    }
}
