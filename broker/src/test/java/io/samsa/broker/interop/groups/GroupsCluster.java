package io.samsa.broker.interop.groups;

import io.samsa.broker.testing.ClusterClients;
import io.samsa.broker.testing.SamsaCluster;
import io.samsa.protocol.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The group tests' target as a 3-node {@link SamsaCluster} (child JVMs, RF=3 topics) where the
 * group coordinator is never the bootstrap broker: {@code __consumer_offsets} has one partition,
 * so one node coordinates every group, and the clients bootstrap from another node only. They must
 * find the coordinator through FindCoordinator and the cluster's metadata, as on a Kafka cluster.
 *
 * <p>Not thread-safe: the test thread starts, restarts and closes it.
 */
final class GroupsCluster implements GroupsTarget {
    private static final String PROBE_GROUP = "groups-cluster-probe";
    private final SamsaCluster cluster;
    private int bootstrapNode;
    private int coordinatorNode;
    private Admin admin;

    private GroupsCluster(SamsaCluster cluster) {
        this.cluster = cluster;
    }

    /** @return a started cluster whose coordinator answers, with the bootstrap node chosen; the caller closes it */
    static GroupsCluster start(Path dir) {
        SamsaCluster cluster = SamsaCluster.builder(dir).nodes(3)
                .override("offsets.topic.num.partitions", "1")
                .override("group.initial.rebalance.delay.ms", "0")
                .override("group.min.session.timeout.ms", "1000")
                .start();
        GroupsCluster started = new GroupsCluster(cluster);
        try {
            started.open();
        } catch (RuntimeException | Error e) {
            AssertionError failure = new AssertionError(e.getMessage() + "\n" + cluster.logTails(), e);
            started.close();
            throw failure;
        }
        return started;
    }

    /** @return the cluster, for its logs */
    SamsaCluster cluster() {
        return cluster;
    }

    /** @return the node coordinating every group (the leader of __consumer_offsets-0 at start) */
    int coordinatorNode() {
        return coordinatorNode;
    }

    /** @return one node that is not the coordinator */
    @Override
    public String bootstrap() {
        return cluster.bootstrapServers(bootstrapNode);
    }

    @Override
    public Admin admin() {
        return admin;
    }

    @Override
    public void createTopic(String topic, int partitions) {
        ClusterClients.get(admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all());
        ClusterClients.awaitFullyInSync(admin, List.of(topic), 3);
    }

    /** SIGTERM every node in turn, then all of them back at once (a node's start needs a quorum majority). */
    @Override
    public void restart() throws Exception {
        closeAdmin();
        for (int node : cluster.nodeIds()) {
            cluster.terminate(node);
        }
        cluster.nodeIds().forEach(cluster::relaunch);
        cluster.nodeIds().forEach(cluster::awaitStarted);
        open();
    }

    @Override
    public void close() {
        closeAdmin();
        cluster.close();
    }

    private void open() {
        try (Admin any = ClusterClients.admin(cluster.bootstrapServers())) {
            // FindCoordinator creates __consumer_offsets; wait for its leader and a full ISR
            Await.until(ClusterClients.SETTLE, "a group coordinator", () -> coordinatorOf(any) >= 0);
            ClusterClients.awaitFullyInSync(any, List.of("__consumer_offsets"), 3);
            coordinatorNode = ClusterClients.leaderOf(any, "__consumer_offsets", 0);
        }
        bootstrapNode = cluster.nodeIds().stream().filter(id -> id != coordinatorNode).findFirst().orElseThrow();
        admin = ClusterClients.admin(bootstrap());
        Await.until(ClusterClients.SETTLE, "groups listable and the coordinator found from node " + bootstrapNode,
                () -> ClusterClients.getOrNull(admin.listGroups().all()) != null && coordinatorOf(admin) == coordinatorNode);
    }

    private static int coordinatorOf(Admin admin) {
        var groups = ClusterClients.getOrNull(admin.describeConsumerGroups(List.of(PROBE_GROUP)).all());
        ConsumerGroupDescription probe = groups == null ? null : groups.get(PROBE_GROUP);
        return probe == null || probe.coordinator() == null ? -1 : probe.coordinator().id();
    }

    private void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
