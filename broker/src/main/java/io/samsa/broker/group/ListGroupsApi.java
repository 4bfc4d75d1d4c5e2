package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.admin.ListGroupsRequest;
import io.samsa.coordinator.admin.ListGroupsResponse;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.ListGroupsResponse.ListedGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * ListGroups (v0-5) to the coordinator and back: the states filter (v4+) and types filter (v5+)
 * are empty in the decoded request where the version lacks them, which means "all"; group state
 * and type are dropped by the encoder below v4 and v5. Thread-safe.
 */
final class ListGroupsApi extends GroupApiHandler<io.samsa.protocol.message.ListGroupsRequest,
        io.samsa.protocol.message.ListGroupsResponse> {

    ListGroupsApi(Supplier<GroupCoordinatorService> coordinator) {
        super(ApiKey.LIST_GROUPS, coordinator);
    }

    @Override
    protected CompletableFuture<io.samsa.protocol.message.ListGroupsResponse> handle(RequestContext context,
            io.samsa.protocol.message.ListGroupsRequest request) {
        ListGroupsRequest list = new ListGroupsRequest(Set.copyOf(request.statesFilter()), Set.copyOf(request.typesFilter()));
        return coordinator().listGroups(list).thenApply(ListGroupsApi::toResponse);
    }

    private static io.samsa.protocol.message.ListGroupsResponse toResponse(ListGroupsResponse result) {
        List<ListedGroup> groups = new ArrayList<>(result.groups().size());
        for (ListGroupsResponse.Listing listing : result.groups()) {
            groups.add(new ListedGroup()
                    .setGroupId(listing.groupId())
                    .setProtocolType(listing.protocolType())
                    .setGroupState(listing.state())
                    .setGroupType(listing.groupType()));
        }
        return new io.samsa.protocol.message.ListGroupsResponse().setErrorCode(result.error().code()).setGroups(groups);
    }
}
