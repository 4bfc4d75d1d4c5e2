package io.samsa.broker.admin;

import io.samsa.broker.api.RequestContext;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.security.Authorizer;
import io.samsa.broker.security.AuthorizedOperations;
import io.samsa.broker.security.ResourceType;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeClusterRequest;
import io.samsa.protocol.message.DescribeClusterResponse;
import io.samsa.protocol.message.DescribeClusterResponse.DescribeClusterBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * DescribeCluster (key 60), v0 to 2: this node as the only broker and the controller, the cluster
 * id, and (v1+) endpoint type 1, brokers. A request for controller endpoints (type 2) is answered
 * MISMATCHED_ENDPOINT_TYPE, as a Kafka broker listener does; any other type
 * UNSUPPORTED_ENDPOINT_TYPE. The node is never fenced (v2 is_fenced false). The cluster's
 * authorized operations come from the {@link Authorizer} when include_cluster_authorized_operations
 * asks for them, else Kafka's "not requested" -2147483648.
 *
 * <p>Immutable and thread-safe.
 */
public final class DescribeClusterHandler implements SynchronousHandler<DescribeClusterRequest, DescribeClusterResponse> {
    /** Kafka's EndpointType ids. */
    static final byte BROKER_ENDPOINTS = 1;
    static final byte CONTROLLER_ENDPOINTS = 2;

    private final Supplier<LocalBroker> localBroker;
    private final Authorizer authorizer;

    public DescribeClusterHandler(Supplier<LocalBroker> localBroker, Authorizer authorizer) {
        this.localBroker = localBroker;
        this.authorizer = authorizer;
    }

    /** With no authorizer: every operation allowed, as on a Kafka broker without ACLs. */
    public DescribeClusterHandler(Supplier<LocalBroker> localBroker) {
        this(localBroker, Authorizer.ALLOW_ALL);
    }

    @Override
    public ApiKey api() {
        return ApiKey.DESCRIBE_CLUSTER;
    }

    /** Answers as to an in-process caller ({@link RequestContext#inProcess}). */
    @Override
    public DescribeClusterResponse handle(DescribeClusterRequest request, short apiVersion) {
        return handle(RequestContext.inProcess(ApiKey.DESCRIBE_CLUSTER.id(), apiVersion), request);
    }

    @Override
    public DescribeClusterResponse handle(RequestContext context, DescribeClusterRequest request) {
        LocalBroker broker = localBroker.get();
        DescribeClusterResponse response = new DescribeClusterResponse()
                .setThrottleTimeMs(0)
                .setEndpointType(BROKER_ENDPOINTS)
                .setClusterId(broker.clusterId())
                .setControllerId(broker.nodeId());
        if (request.endpointType() == CONTROLLER_ENDPOINTS) {
            return response.setErrorCode(ErrorCode.MISMATCHED_ENDPOINT_TYPE.code())
                    .setErrorMessage("The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER");
        }
        if (request.endpointType() != BROKER_ENDPOINTS) {
            return response.setErrorCode(ErrorCode.UNSUPPORTED_ENDPOINT_TYPE.code())
                    .setErrorMessage("Unsupported endpoint type " + request.endpointType());
        }
        return response
                .setErrorCode(ErrorCode.NONE.code())
                .setErrorMessage(null)
                .setBrokers(new ArrayList<>(List.of(new DescribeClusterBroker()
                        .setBrokerId(broker.nodeId())
                        .setHost(broker.advertisedHost())
                        .setPort(broker.advertisedPort())
                        .setRack(broker.rack())
                        .setIsFenced(false))))
                .setClusterAuthorizedOperations(request.includeClusterAuthorizedOperations()
                        ? authorizer.authorizedOperations(context, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME)
                        : AuthorizedOperations.NOT_REQUESTED);
    }
}
