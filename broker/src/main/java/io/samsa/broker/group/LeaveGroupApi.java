package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.classic.LeaveGroupRequest;
import io.samsa.coordinator.classic.LeaveGroupRequest.LeavingMember;
import io.samsa.coordinator.classic.LeaveGroupResult;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.LeaveGroupRequest.MemberIdentity;
import io.samsa.protocol.message.LeaveGroupResponse;
import io.samsa.protocol.message.LeaveGroupResponse.MemberResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * LeaveGroup to the coordinator and back. The one version rule: v0-2 name one member in the
 * top-level member id and have no per-member results, so that member's error becomes the
 * top-level error; v3+ (KIP-345) carry a batch of members, each answered. Thread-safe.
 */
final class LeaveGroupApi extends GroupApiHandler<io.samsa.protocol.message.LeaveGroupRequest, LeaveGroupResponse> {
    /** The first version with a batch of members. */
    static final short FIRST_BATCHED_VERSION = 3;

    LeaveGroupApi(Supplier<GroupCoordinatorService> coordinator) {
        super(ApiKey.LEAVE_GROUP, coordinator);
    }

    @Override
    protected CompletableFuture<LeaveGroupResponse> handle(RequestContext context, io.samsa.protocol.message.LeaveGroupRequest request) {
        boolean batched = context.apiVersion() >= FIRST_BATCHED_VERSION;
        List<LeavingMember> members = new ArrayList<>();
        if (batched) {
            for (MemberIdentity member : request.members()) {
                members.add(new LeavingMember(member.memberId(), member.groupInstanceId()));
            }
        } else {
            members.add(new LeavingMember(request.memberId(), null));
        }
        return coordinator().leaveGroup(new LeaveGroupRequest(request.groupId(), members))
                .thenApply(result -> batched ? batchedResponse(result) : singleResponse(result));
    }

    private static LeaveGroupResponse batchedResponse(LeaveGroupResult result) {
        List<MemberResponse> members = new ArrayList<>(result.members().size());
        for (LeaveGroupResult.MemberResult member : result.members()) {
            members.add(new MemberResponse()
                    .setMemberId(member.memberId())
                    .setGroupInstanceId(member.groupInstanceId())
                    .setErrorCode(member.error().code()));
        }
        return new LeaveGroupResponse().setErrorCode(result.error().code()).setMembers(members);
    }

    private static LeaveGroupResponse singleResponse(LeaveGroupResult result) {
        ErrorCode error = result.error();
        if (error == ErrorCode.NONE && !result.members().isEmpty()) {
            error = result.members().get(0).error();
        }
        return new LeaveGroupResponse().setErrorCode(error.code());
    }
}
