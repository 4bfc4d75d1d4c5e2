package io.samsa.coordinator.admin;

import com.google.protobuf.ByteString;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupMember;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.offsets.OffsetsContext;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * DescribeGroups on one shard, a read. As in Kafka, the chosen protocol and each member's metadata
 * and assignment are shown only while the group is Stable (during a rebalance they are in flux).
 * An unknown group is "Dead" with no error before v6 and GROUP_ID_NOT_FOUND from v6; so is a
 * consumer group (KIP-1043: DescribeGroups describes classic groups only, ConsumerGroupDescribe
 * the others). Stateless;
 * thread-safe.
 */
public final class DescribeGroupsHandler {

    /** @param apiVersion the DescribeGroups request version */
    public List<DescribedGroup> describe(OffsetsContext shard, List<String> groupIds, short apiVersion) {
        List<DescribedGroup> described = new ArrayList<>(groupIds.size());
        for (String groupId : groupIds) {
            described.add(describe(shard, groupId, apiVersion));
        }
        return described;
    }

    private static DescribedGroup describe(OffsetsContext shard, String groupId, short apiVersion) {
        ClassicGroup group = GroupView.find(shard, groupId);
        if (group == null || shard.consumerGroups().group(groupId) != null) {
            ErrorCode error = apiVersion >= 6 ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.NONE;
            return new DescribedGroup(groupId, error, ClassicGroupState.DEAD.displayName(), "", "", List.of());
        }
        boolean stable = group.isInState(ClassicGroupState.STABLE);
        List<DescribedGroup.Member> members = new ArrayList<>(group.size());
        for (ClassicGroupMember member : group.members()) {
            ByteString metadata = stable ? member.metadata(group.protocolName()) : ByteString.EMPTY;
            members.add(new DescribedGroup.Member(member.memberId(), member.groupInstanceId(), member.clientId(),
                    member.clientHost(), metadata == null ? ByteString.EMPTY : metadata,
                    stable ? member.assignment() : ByteString.EMPTY));
        }
        return new DescribedGroup(groupId, ErrorCode.NONE, group.state().displayName(),
                group.protocolType() == null ? "" : group.protocolType(),
                stable && group.protocolName() != null ? group.protocolName() : "", members);
    }
}
