package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.broker.security.AuthorizedOperations;
import io.samsa.broker.security.Authorizer;
import io.samsa.broker.security.ResourceType;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.admin.DescribedGroup;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeGroupsRequest;
import io.samsa.protocol.message.DescribeGroupsResponse;
import io.samsa.protocol.message.DescribeGroupsResponse.DescribedGroupMember;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * DescribeGroups (v0-5) to the coordinator and back. Authorized operations (v3+) are reported
 * only when asked for, and, as in Kafka, only on groups described without error; the
 * {@link Authorizer} decides them (with no ACLs: every group operation). Thread-safe.
 */
final class DescribeGroupsApi extends GroupApiHandler<DescribeGroupsRequest, DescribeGroupsResponse> {
    private final Authorizer authorizer;

    DescribeGroupsApi(Supplier<GroupCoordinatorService> coordinator, Authorizer authorizer) {
        super(ApiKey.DESCRIBE_GROUPS, coordinator);
        this.authorizer = authorizer;
    }

    @Override
    protected CompletableFuture<DescribeGroupsResponse> handle(RequestContext context, DescribeGroupsRequest request) {
        return coordinator().describeGroups(request.groups(), context.apiVersion()).thenApply(described -> {
            List<DescribeGroupsResponse.DescribedGroup> groups = new ArrayList<>(described.size());
            for (DescribedGroup group : described) {
                boolean include = request.includeAuthorizedOperations() && group.error() == ErrorCode.NONE;
                groups.add(toWire(group, include
                        ? authorizer.authorizedOperations(context, ResourceType.GROUP, group.groupId())
                        : AuthorizedOperations.NOT_REQUESTED));
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
