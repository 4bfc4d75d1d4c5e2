package io.samsa.coordinator.migration;

import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.consumer.ConsumerGroupMember;
import io.samsa.coordinator.consumer.ConsumerGroupRecords;
import io.samsa.coordinator.consumer.TopicLookup;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupMember;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.ConsumerSubscriptions;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.group.MemberProtocol;
import io.samsa.coordinator.records.CoordinatorRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The records of an online downgrade (KIP-848): the last consumer-protocol members leave a consumer
 * group whose other members speak the classic protocol, and it becomes a classic group again, as
 * Kafka's {@code ClassicGroup.fromConsumerGroup} builds it.
 * <ul>
 * <li>Allowed when at least one member remains, every remaining member is a classic one, the
 *     policy allows downgrades, and the remaining members fit group.max.size.</li>
 * <li>The classic group: protocol type "consumer", generation the group epoch, the protocol the
 *     remaining members vote for, the first of them as leader; each member with its session and
 *     rebalance timeouts, its JoinGroup protocols and what it owns now as its assignment.</li>
 * <li>Records: every member's current assignment, target and metadata tombstones, the target-epoch
 *     and group tombstones, then the classic group, written in PreparingRebalance (unlike a
 *     rebalance of a classic group, which reaches the log only once settled) so that a restart
 *     resumes the rebalance the downgrade starts: the members' heartbeats answer REBALANCE_IN_PROGRESS.</li>
 * </ul>
 * Stateless; thread-safe.
 */
final class ConsumerGroupDowngrade {
    private ConsumerGroupDowngrade() {
    }

    /** @return true when {@code leaving} leaves only classic members, at least one, at most {@code classicMaxSize} */
    static boolean leavesOnlyClassicMembers(ConsumerGroup group, Set<String> leaving, int classicMaxSize) {
        int remaining = 0;
        for (ConsumerGroupMember member : group.members()) {
            if (!leaving.contains(member.memberId())) {
                if (!member.usesClassicProtocol()) {
                    return false;
                }
                remaining++;
            }
        }
        return remaining > 0 && remaining <= classicMaxSize;
    }

    /** @return the classic group the remaining members form, in PreparingRebalance; null when they share no protocol */
    static ClassicGroup classicGroup(ConsumerGroup group, Set<String> leaving, TopicLookup topics, long nowMs) {
        List<ClassicGroupMember> members = new ArrayList<>();
        for (ConsumerGroupMember member : group.members()) {
            if (leaving.contains(member.memberId())) {
                continue;
            }
            List<MemberProtocol> protocols = member.classic().protocols().stream()
                    .map(protocol -> new MemberProtocol(protocol.name(), protocol.metadata())).toList();
            members.add(new ClassicGroupMember(member.memberId(), member.instanceId(), member.clientId(), member.clientHost(),
                    member.classic().sessionTimeoutMs(), member.rebalanceTimeoutMs(), protocols,
                    ConsumerProtocolPayloads.encode(member.assigned(), topics)));
        }
        String leader = members.get(0).memberId();
        ClassicGroup unnamed = new ClassicGroup(group.groupId(), ClassicGroupState.PREPARING_REBALANCE, nowMs,
                ConsumerSubscriptions.CONSUMER_PROTOCOL_TYPE, group.groupEpoch(), null, leader, members);
        if (unnamed.candidateProtocols().isEmpty()) {
            return null;
        }
        return new ClassicGroup(group.groupId(), ClassicGroupState.PREPARING_REBALANCE, nowMs,
                ConsumerSubscriptions.CONSUMER_PROTOCOL_TYPE, group.groupEpoch(), unnamed.selectProtocol(), leader, members);
    }

    /** @return the tombstones of the whole consumer group, then {@code classic} */
    static List<CoordinatorRecord> records(ConsumerGroup group, ClassicGroup classic) {
        String groupId = group.groupId();
        List<CoordinatorRecord> records = new ArrayList<>();
        for (ConsumerGroupMember member : group.members()) {
            records.add(ConsumerGroupRecords.newCurrentAssignmentTombstoneRecord(groupId, member.memberId()));
            records.add(ConsumerGroupRecords.newTargetAssignmentTombstoneRecord(groupId, member.memberId()));
            records.add(ConsumerGroupRecords.newMemberMetadataTombstoneRecord(groupId, member.memberId()));
        }
        records.add(ConsumerGroupRecords.newTargetAssignmentEpochTombstoneRecord(groupId));
        records.add(ConsumerGroupRecords.newGroupMetadataTombstoneRecord(groupId));
        records.add(GroupCoordinatorRecords.newGroupMetadataRecord(classic));
        return records;
    }
}
