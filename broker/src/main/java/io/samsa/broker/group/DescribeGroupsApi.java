package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.admin.DescribedGroup;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.DescribeGroupsRequest;
import io.samsa.protocol.message.DescribeGroupsResponse;
import io.samsa.protocol.message.DescribeGroupsResponse.DescribedGroupMember;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * DescribeGroups (v0-5) to the coordinator and back. Authorized operations (v3+) are reported
 * only when asked for; without an authorizer every group operation is allowed, as in Kafka
 * without ACLs. Thread-safe.
 */
final class DescribeGroupsApi extends GroupApiHandler<DescribeGroupsRequest, DescribeGroupsResponse> {
    /** Kafka's "not requested" value for authorized operations. */
    static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;
    /** READ (3), DELETE (6) and DESCRIBE (8), the operations on a group, as Kafka's AclOperation bits. */
    static final int ALL_GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

    DescribeGroupsApi(Supplier<GroupCoordinatorService> coordinator) {
        super(ApiKey.DESCRIBE_GROUPS, coordinator);
    }

    @Override
    protected CompletableFuture<DescribeGroupsResponse> handle(RequestContext context, DescribeGroupsRequest request) {
        int authorizedOperations = request.includeAuthorizedOperations() ? ALL_GROUP_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED;
        return coordinator().describeGroups(request.groups(), context.apiVersion()).thenApply(described -> {
            List<DescribeGroupsResponse.DescribedGroup> groups = new ArrayList<>(described.size());
            for (DescribedGroup group : described) {
                groups.add(toWire(group, authorizedOperations));
            }
            return new DescribeGroupsResponse().setGroups(groups);
        });
    }

    private static DescribeGroupsResponse.DescribedGroup toWire(DescribedGroup group, int authorizedOperations) {
        List<DescribedGroupMember> members = new ArrayList<>(group.members().size());
        for (DescribedGroup.Member member : group.members()) {
            members.add(new DescribedGroupMember()
                    .setMemberId(member.memberId())
                    .setGroupInstanceId(member.groupInstanceId())
                    .setClientId(member.clientId())
                    .setClientHost(member.clientHost())
                    .setMemberMetadata(member.metadata().toByteArray())
                    .setMemberAssignment(member.assignment().toByteArray()));
        }
        return new DescribeGroupsResponse.DescribedGroup()
                .setErrorCode(group.error().code())
                .setGroupId(group.groupId())
                .setGroupState(group.state())
                .setProtocolType(group.protocolType())
                .setProtocolData(group.protocolName())
                .setMembers(members)
                .setAuthorizedOperations(authorizedOperations);
    }
}
