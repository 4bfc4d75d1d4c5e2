package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.DeleteGroupsRequest;
import io.samsa.protocol.message.DeleteGroupsResponse;
import io.samsa.protocol.message.DeleteGroupsResponse.DeletableGroupResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** DeleteGroups (v0-2) to the coordinator and back: one result per distinct group id. Thread-safe. */
final class DeleteGroupsApi extends GroupApiHandler<DeleteGroupsRequest, DeleteGroupsResponse> {

    DeleteGroupsApi(Supplier<GroupCoordinatorService> coordinator) {
        super(ApiKey.DELETE_GROUPS, coordinator);
    }

    @Override
    protected CompletableFuture<DeleteGroupsResponse> handle(RequestContext context, DeleteGroupsRequest request) {
        return coordinator().deleteGroups(request.groupsNames()).thenApply(byGroup -> {
            List<DeletableGroupResult> results = new ArrayList<>(byGroup.size());
            byGroup.forEach((groupId, error) -> results.add(new DeletableGroupResult().setGroupId(groupId).setErrorCode(error.code())));
            return new DeleteGroupsResponse().setResults(results);
        });
    }
}
