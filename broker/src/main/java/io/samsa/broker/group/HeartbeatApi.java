package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.classic.HeartbeatRequest;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.HeartbeatResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Heartbeat (v0-4) to the coordinator; the answer is only an error code. Thread-safe. */
final class HeartbeatApi extends GroupApiHandler<io.samsa.protocol.message.HeartbeatRequest, HeartbeatResponse> {

    HeartbeatApi(Supplier<GroupCoordinatorService> coordinator) {
        super(ApiKey.HEARTBEAT, coordinator);
    }

    @Override
    protected CompletableFuture<HeartbeatResponse> handle(RequestContext context, io.samsa.protocol.message.HeartbeatRequest request) {
        HeartbeatRequest heartbeat = new HeartbeatRequest(request.groupId(), request.memberId(), request.groupInstanceId(),
                request.generationId());
        return coordinator().heartbeat(heartbeat).thenApply(error -> new HeartbeatResponse().setErrorCode(error.code()));
    }
}
