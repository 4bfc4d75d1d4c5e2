package io.samsa.broker.admin;

import io.samsa.broker.metadata.LocalBroker;
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
 * UNSUPPORTED_ENDPOINT_TYPE. The node is never fenced (v2 is_fenced false) and authorized
 * operations are not computed (-2147483648).
 *
 * <p>Immutable and thread-safe.
 */
public final class DescribeClusterHandler implements SynchronousHandler<DescribeClusterRequest, DescribeClusterResponse> {
    /** Kafka's EndpointType ids. */
    static final byte BROKER_ENDPOINTS = 1;
    static final byte CONTROLLER_ENDPOINTS = 2;

    private final Supplier<LocalBroker> localBroker;

    public DescribeClusterHandler(Supplier<LocalBroker> localBroker) {
        this.localBroker = localBroker;
    }

    @Override
    public ApiKey api() {
        return ApiKey.DESCRIBE_CLUSTER;
    }

    @Override
    public DescribeClusterResponse handle(DescribeClusterRequest request, short apiVersion) {
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
                        .setIsFenced(false))));
    }
}
