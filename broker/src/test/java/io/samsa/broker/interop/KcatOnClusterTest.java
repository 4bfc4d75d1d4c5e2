package io.samsa.broker.interop;

import io.samsa.broker.testing.OnCluster;
import org.junit.jupiter.api.Tag;

/**
 * {@link KcatInteropTest} against a 3-node cluster (topics with the cluster's default replication
 * factor 3): librdkafka finds each partition's leader among the nodes, produces with acks=all and
 * consumes, and so does the Java 4.1 client.
 */
@OnCluster
@Tag("cluster-pending")
class KcatOnClusterTest extends KcatInteropTest {
}
