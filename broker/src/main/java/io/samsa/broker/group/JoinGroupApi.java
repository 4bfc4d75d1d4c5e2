package io.samsa.broker.group;

import com.google.protobuf.UnsafeByteOperations;
import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.classic.JoinGroupRequest;
import io.samsa.coordinator.classic.JoinGroupResult;
import io.samsa.coordinator.group.MemberProtocol;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.JoinGroupRequest.JoinGroupRequestProtocol;
import io.samsa.protocol.message.JoinGroupResponse;
import io.samsa.protocol.message.JoinGroupResponse.JoinGroupResponseMember;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * JoinGroup (v0-9) to the coordinator and back. The version rules live in the coordinator (v4+
 * MEMBER_ID_REQUIRED, v9 skip assignment) and the schema (v5+ instance id, v7+ protocol type);
 * here only: v0 has no rebalance timeout (the session timeout serves), and before v7 the protocol
 * name cannot be null. Member metadata is wrapped, not copied: the decoded request owns its arrays
 * and nothing changes them. Thread-safe.
 */
final class JoinGroupApi extends GroupApiHandler<io.samsa.protocol.message.JoinGroupRequest, JoinGroupResponse> {

    JoinGroupApi(Supplier<GroupCoordinatorService> coordinator) {
        super(ApiKey.JOIN_GROUP, coordinator);
    }

    @Override
    protected CompletableFuture<JoinGroupResponse> handle(RequestContext context, io.samsa.protocol.message.JoinGroupRequest request) {
        short version = context.apiVersion();
        List<MemberProtocol> protocols = new ArrayList<>(request.protocols().size());
        for (JoinGroupRequestProtocol protocol : request.protocols()) {
            protocols.add(new MemberProtocol(protocol.name(), UnsafeByteOperations.unsafeWrap(protocol.metadata())));
        }
        int rebalanceTimeoutMs = version == 0 ? request.sessionTimeoutMs() : request.rebalanceTimeoutMs();
        JoinGroupRequest join = new JoinGroupRequest(request.groupId(), request.memberId(), request.groupInstanceId(),
                request.protocolType(), protocols, request.sessionTimeoutMs(), rebalanceTimeoutMs,
                context.header().clientId(), clientHost(context), version);
        return coordinator().joinGroup(join).thenApply(result -> toResponse(result, version));
    }

    private static JoinGroupResponse toResponse(JoinGroupResult result, short version) {
        List<JoinGroupResponseMember> members = new ArrayList<>(result.members().size());
        for (JoinGroupResult.Member member : result.members()) {
            members.add(new JoinGroupResponseMember()
                    .setMemberId(member.memberId())
                    .setGroupInstanceId(member.groupInstanceId())
                    .setMetadata(member.metadata().toByteArray()));
        }
        String protocolName = result.protocolName() == null && version < 7 ? "" : result.protocolName();
        return new JoinGroupResponse()
                .setErrorCode(result.error().code())
                .setGenerationId(result.generationId())
                .setProtocolType(result.protocolType())
                .setProtocolName(protocolName)
                .setLeader(result.leaderId())
                .setSkipAssignment(result.skipAssignment())
                .setMemberId(result.memberId())
                .setMembers(members);
    }
}
