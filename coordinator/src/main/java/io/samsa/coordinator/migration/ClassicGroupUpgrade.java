package io.samsa.coordinator.migration;

import com.google.protobuf.ByteString;
import io.samsa.coordinator.consumer.Assignment;
import io.samsa.coordinator.consumer.ClassicMemberMetadata;
import io.samsa.coordinator.consumer.ConsumerGroupMember;
import io.samsa.coordinator.consumer.ConsumerGroupRecords;
import io.samsa.coordinator.consumer.MemberState;
import io.samsa.coordinator.consumer.SubscribedTopics;
import io.samsa.coordinator.consumer.TopicLookup;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupMember;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.group.MemberProtocol;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.protocol.message.ConsumerProtocolAssignment;
import io.samsa.protocol.message.ConsumerProtocolSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The records of an online upgrade (KIP-848): a classic group with members becomes a consumer group
 * whose members are the classic ones, as Kafka's {@code ConsumerGroup.fromClassicGroup} builds it.
 * <ul>
 * <li>The group epoch, the target assignment epoch and each member's epoch are the classic
 *     generation; every member is Stable, owning what its last SyncGroup gave it, and that is its
 *     target, so nothing moves until the joining member bumps the epoch.</li>
 * <li>Each member keeps its identity, rebalance timeout, subscribed topics and rack (from its
 *     subscription), and as {@link ClassicMemberMetadata} its session timeout and protocols.</li>
 * <li>Records, in order: the classic group's tombstone, each member's metadata, the group epoch,
 *     each member's target, the target epoch, each member's current assignment.</li>
 * </ul>
 * A partition claimed by two members' assignments (a stale generation) is kept by the first only,
 * so the converted group never has a partition with two owners.
 *
 * <p>Stateless; thread-safe.
 */
final class ClassicGroupUpgrade {
    private ClassicGroupUpgrade() {
    }

    /** @return the records, or empty when a member's subscription or assignment cannot be read */
    static Optional<List<CoordinatorRecord>> records(ClassicGroup classic, TopicLookup topics, SubscribedTopics subscribed) {
        String groupId = classic.groupId();
        int epoch = classic.generationId();
        List<ConsumerGroupMember> members = new ArrayList<>();
        Assignment taken = Assignment.EMPTY;
        for (ClassicGroupMember classicMember : classic.members()) {
            ByteString metadata = classic.protocolName() == null ? null : classicMember.metadata(classic.protocolName());
            if (metadata == null) {
                metadata = classicMember.protocols().get(0).metadata();
            }
            Optional<ConsumerProtocolSubscription> subscription = ConsumerProtocolPayloads.subscription(metadata);
            Optional<ConsumerProtocolAssignment> assignment = ConsumerProtocolPayloads.assignment(classicMember.assignment());
            if (subscription.isEmpty() || assignment.isEmpty()) {
                return Optional.empty();
            }
            Assignment owned = ConsumerProtocolPayloads.assigned(assignment.get(), topics).minus(taken);
            taken = taken.union(owned);
            members.add(new ConsumerGroupMember(classicMember.memberId(), classicMember.groupInstanceId(),
                    subscription.get().rackId(), classicMember.clientId(), classicMember.clientHost(),
                    subscription.get().topics().stream().sorted().distinct().toList(), null,
                    classicMember.rebalanceTimeoutMs(), null, epoch, epoch, MemberState.STABLE, owned, Assignment.EMPTY,
                    classicMetadata(classicMember)));
        }
        List<CoordinatorRecord> records = new ArrayList<>();
        records.add(GroupCoordinatorRecords.newGroupMetadataTombstoneRecord(groupId));
        members.forEach(member -> records.add(ConsumerGroupRecords.newMemberMetadataRecord(groupId, member)));
        long hash = SubscribedTopics.metadataHash(subscribed.resolve(members));
        records.add(ConsumerGroupRecords.newGroupMetadataRecord(groupId, epoch, hash));
        members.forEach(member -> records.add(ConsumerGroupRecords.newTargetAssignmentRecord(groupId, member.memberId(),
                member.assigned())));
        records.add(ConsumerGroupRecords.newTargetAssignmentEpochRecord(groupId, epoch));
        members.forEach(member -> records.add(ConsumerGroupRecords.newCurrentAssignmentRecord(groupId, member)));
        return Optional.of(records);
    }

    static ClassicMemberMetadata classicMetadata(ClassicGroupMember member) {
        List<ClassicMemberMetadata.Protocol> protocols = new ArrayList<>();
        for (MemberProtocol protocol : member.protocols()) {
            protocols.add(new ClassicMemberMetadata.Protocol(protocol.name(), protocol.metadata()));
        }
        return new ClassicMemberMetadata(member.sessionTimeoutMs(), protocols);
    }
}
