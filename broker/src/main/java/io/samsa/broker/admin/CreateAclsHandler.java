package io.samsa.broker.admin;

import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.CreateAclsRequest;
import io.samsa.protocol.message.CreateAclsResponse;
import io.samsa.protocol.message.CreateAclsResponse.AclCreationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * CreateAcls (key 30), v1 to 3: without an authorizer every creation is answered SECURITY_DISABLED
 * ({@link NoAuthorizer}), one result per creation in request order, and nothing is stored.
 * Stateless; thread-safe.
 */
public final class CreateAclsHandler implements SynchronousHandler<CreateAclsRequest, CreateAclsResponse> {
    @Override
    public ApiKey api() {
        return ApiKey.CREATE_ACLS;
    }

    @Override
    public CreateAclsResponse handle(CreateAclsRequest request, short apiVersion) {
        List<AclCreationResult> results = new ArrayList<>(request.creations().size());
        for (int i = 0; i < request.creations().size(); i++) {
            results.add(new AclCreationResult().setErrorCode(NoAuthorizer.ERROR.code()).setErrorMessage(NoAuthorizer.ALTER_MESSAGE));
        }
        return new CreateAclsResponse().setThrottleTimeMs(0).setResults(results);
    }
}
