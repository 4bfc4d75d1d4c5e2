package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.metadata.LocalBroker;
import io.samsa.protocol.message.DescribeClusterRequest;
import io.samsa.protocol.message.DescribeClusterResponse;
import java.util.Map;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class DescribeClusterHandlerTest {
    private final DescribeClusterHandler handler = new DescribeClusterHandler(
            () -> new LocalBroker(AdminFixture.NODE_ID, AdminFixture.CLUSTER_ID, AdminFixture.HOST, AdminFixture.PORT, null));

    @Test
    void v0AndV2DescribeThisNodeAsBrokerAndController() {
        for (short version = 0; version <= 2; version++) {
            DescribeClusterRequest request = KafkaWire.fromKafka(new org.apache.kafka.common.requests.DescribeClusterRequest.Builder(
                    new DescribeClusterRequestData()).build(version), DescribeClusterRequest::new);
            org.apache.kafka.common.requests.DescribeClusterResponse parsed = KafkaWire.toKafka(handler.handle(request, version), version);
            assertEquals(Errors.NONE.code(), parsed.data().errorCode());
            assertEquals(AdminFixture.CLUSTER_ID, parsed.data().clusterId());
            assertEquals(AdminFixture.NODE_ID, parsed.data().controllerId());
            assertEquals(1, parsed.data().endpointType());
            assertEquals(Map.of(AdminFixture.NODE_ID, new Node(AdminFixture.NODE_ID, AdminFixture.HOST, AdminFixture.PORT)), parsed.nodes());
            assertFalse(parsed.data().brokers().find(AdminFixture.NODE_ID).isFenced());
        }
    }

    @Test
    void controllerEndpointsAreAMismatchAndUnknownTypesUnsupported() {
        DescribeClusterResponse mismatched = handler.handle(new DescribeClusterRequest().setEndpointType((byte) 2), (short) 1);
        assertEquals(Errors.MISMATCHED_ENDPOINT_TYPE.code(), mismatched.errorCode());
        assertTrue(mismatched.brokers().isEmpty());
        KafkaWire.toKafka(mismatched, (short) 1);
        DescribeClusterResponse unsupported = handler.handle(new DescribeClusterRequest().setEndpointType((byte) 9), (short) 2);
        assertEquals(Errors.UNSUPPORTED_ENDPOINT_TYPE.code(), unsupported.errorCode());
        KafkaWire.toKafka(unsupported, (short) 2);
    }
}
