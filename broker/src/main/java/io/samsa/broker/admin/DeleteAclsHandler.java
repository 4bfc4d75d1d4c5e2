package io.samsa.broker.admin;

import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.DeleteAclsRequest;
import io.samsa.protocol.message.DeleteAclsResponse;
import io.samsa.protocol.message.DeleteAclsResponse.DeleteAclsFilterResult;
import java.util.ArrayList;
import java.util.List;

/**
 * DeleteAcls (key 31), v1 to 3: without an authorizer every filter is answered SECURITY_DISABLED
 * with no matching ACLs ({@link NoAuthorizer}), one result per filter in request order.
 * Stateless; thread-safe.
 */
public final class DeleteAclsHandler implements SynchronousHandler<DeleteAclsRequest, DeleteAclsResponse> {
    @Override
    public ApiKey api() {
        return ApiKey.DELETE_ACLS;
    }

    @Override
    public DeleteAclsResponse handle(DeleteAclsRequest request, short apiVersion) {
        List<DeleteAclsFilterResult> results = new ArrayList<>(request.filters().size());
        for (int i = 0; i < request.filters().size(); i++) {
            results.add(new DeleteAclsFilterResult().setErrorCode(NoAuthorizer.ERROR.code())
                    .setErrorMessage(NoAuthorizer.ALTER_MESSAGE).setMatchingAcls(new ArrayList<>()));
        }
        return new DeleteAclsResponse().setThrottleTimeMs(0).setFilterResults(results);
    }
}
