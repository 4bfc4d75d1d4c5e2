package io.samsa.broker.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.classic.SyncGroupRequest;
import io.samsa.coordinator.classic.SyncGroupResult;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.SyncGroupRequest.SyncGroupRequestAssignment;
import io.samsa.protocol.message.SyncGroupResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * SyncGroup (v0-5) to the coordinator and back. Protocol type and name (v5+) are null in the
 * decoded request below v5, which the coordinator reads as "not sent". A leader naming a member
 * twice: the last assignment counts. Assignments are wrapped, not copied (the decoded request owns
 * its arrays). Thread-safe.
 */
final class SyncGroupApi extends GroupApiHandler<io.samsa.protocol.message.SyncGroupRequest, SyncGroupResponse> {

    SyncGroupApi(Supplier<GroupCoordinatorService> coordinator) {
        super(ApiKey.SYNC_GROUP, coordinator);
    }

    @Override
    protected CompletableFuture<SyncGroupResponse> handle(RequestContext context, io.samsa.protocol.message.SyncGroupRequest request) {
        Map<String, ByteString> assignments = new HashMap<>();
        for (SyncGroupRequestAssignment assignment : request.assignments()) {
            assignments.put(assignment.memberId(), UnsafeByteOperations.unsafeWrap(assignment.assignment()));
        }
        SyncGroupRequest sync = new SyncGroupRequest(request.groupId(), request.memberId(), request.groupInstanceId(),
                request.generationId(), request.protocolType(), request.protocolName(), assignments);
        return coordinator().syncGroup(sync).thenApply(SyncGroupApi::toResponse);
    }

    private static SyncGroupResponse toResponse(SyncGroupResult result) {
        return new SyncGroupResponse()
                .setErrorCode(result.error().code())
                .setProtocolType(result.protocolType())
                .setProtocolName(result.protocolName())
                .setAssignment(result.assignment().toByteArray());
    }
}
