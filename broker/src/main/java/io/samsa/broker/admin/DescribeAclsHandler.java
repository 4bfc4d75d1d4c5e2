package io.samsa.broker.admin;

import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.DescribeAclsRequest;
import io.samsa.protocol.message.DescribeAclsResponse;
import java.util.ArrayList;

/**
 * DescribeAcls (key 29), v1 to 3: without an authorizer, SECURITY_DISABLED and no resources
 * ({@link NoAuthorizer}). Stateless; thread-safe.
 */
public final class DescribeAclsHandler implements SynchronousHandler<DescribeAclsRequest, DescribeAclsResponse> {
    @Override
    public ApiKey api() {
        return ApiKey.DESCRIBE_ACLS;
    }

    @Override
    public DescribeAclsResponse handle(DescribeAclsRequest request, short apiVersion) {
        return new DescribeAclsResponse().setThrottleTimeMs(0)
                .setErrorCode(NoAuthorizer.ERROR.code()).setErrorMessage(NoAuthorizer.DESCRIBE_MESSAGE)
                .setResources(new ArrayList<>());
    }
}
