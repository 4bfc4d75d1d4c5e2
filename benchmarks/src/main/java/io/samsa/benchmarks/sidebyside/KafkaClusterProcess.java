package io.samsa.benchmarks.sidebyside;

import io.samsa.client.testing.KafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Apache Kafka 4.1 as a cluster of KRaft nodes in combined mode, each a child JVM, through the client
 * test-jar's {@link KafkaCluster} harness with the side-by-side JVM options and settings.
 *
 * <p>Start and close from one thread.
 */
final class KafkaClusterProcess implements ClusterProcess {
    private final KafkaCluster cluster;

    private KafkaClusterProcess(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    /** @throws IllegalStateException with the logs' tails when the cluster does not come up */
    static KafkaClusterProcess start(int nodes, List<String> jvmArgs, Map<String, String> settings, Duration timeout) {
        KafkaCluster.Builder builder = KafkaCluster.builder()
            .nodes(nodes)
            .classPath(ChildJvm.classPath())
            .jvmArgs(jvmArgs)
            .startTimeout(timeout);
        settings.forEach(builder::config);
        return new KafkaClusterProcess(builder.start());
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public List<Integer> nodeIds() {
        return List.copyOf(cluster.nodeIds());
    }

    @Override
    public long pid(int nodeId) {
        return cluster.pid(nodeId);
    }

    @Override
    public void kill(int nodeId) {
        cluster.kill(nodeId);
    }

    @Override
    public void restart(int nodeId, Duration timeout) {
        cluster.restart(nodeId, timeout);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
