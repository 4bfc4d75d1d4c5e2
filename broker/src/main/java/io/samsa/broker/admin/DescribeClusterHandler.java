package io.samsa.broker.admin;

import io.samsa.broker.admin.view.BrokerNode;
import io.samsa.broker.admin.view.BrokerView;
import io.samsa.broker.admin.view.LocalBrokerView;
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
 * DescribeCluster (key 60), v0 to 2: the brokers, the controller and the cluster id of a
 * {@link BrokerView} (on a single node this node alone; in cluster mode the metadata image's
 * unfenced brokers, with the fenced ones too when a v2 request asks, on the endpoint of the
 * request's listener, and the Raft leader as controller), and (v1+) endpoint type 1, brokers. A request for controller endpoints (type 2) is answered
 * MISMATCHED_ENDPOINT_TYPE, as a Kafka broker listener does; any other type
 * UNSUPPORTED_ENDPOINT_TYPE. The cluster's
 * authorized operations come from the {@link Authorizer} when include_cluster_authorized_operations
 * asks for them, else Kafka's "not requested" -2147483648.
 *
 * <p>Immutable and thread-safe.
 */
public final class DescribeClusterHandler implements SynchronousHandler<DescribeClusterRequest, DescribeClusterResponse> {
    /** Kafka's EndpointType ids. */
    static final byte BROKER_ENDPOINTS = 1;
    static final byte CONTROLLER_ENDPOINTS = 2;

    private final BrokerView brokers;
    private final Authorizer authorizer;

    public DescribeClusterHandler(BrokerView brokers, Authorizer authorizer) {
        this.brokers = brokers;
        this.authorizer = authorizer;
    }

    /** A single node's DescribeCluster. */
    public DescribeClusterHandler(Supplier<LocalBroker> localBroker, Authorizer authorizer) {
        this(new LocalBrokerView(localBroker), authorizer);
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
        DescribeClusterResponse response = new DescribeClusterResponse()
                .setThrottleTimeMs(0)
                .setEndpointType(BROKER_ENDPOINTS)
                .setClusterId(brokers.clusterId())
                .setControllerId(brokers.controllerId());
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
                .setBrokers(describe(brokers.brokers(context.listenerName(), request.includeFencedBrokers())))
                .setClusterAuthorizedOperations(request.includeClusterAuthorizedOperations()
                        ? authorizer.authorizedOperations(context, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME)
                        : AuthorizedOperations.NOT_REQUESTED);
    }

    private static List<DescribeClusterBroker> describe(List<BrokerNode> nodes) {
        List<DescribeClusterBroker> described = new ArrayList<>(nodes.size());
        for (BrokerNode node : nodes) {
            described.add(new DescribeClusterBroker()
                    .setBrokerId(node.id())
                    .setHost(node.host())
                    .setPort(node.port())
                    .setRack(node.rack())
                    .setIsFenced(node.fenced()));
        }
        return described;
    }
}
