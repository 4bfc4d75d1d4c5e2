package io.samsa.broker.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster harness itself, on what cluster mode does today: three child JVMs start, register with
 * the quorum and are unfenced (their log lines), answer with one cluster id; SIGTERM exits 0; kill -9
 * and a restart on the same directory and ports register again. In proxy mode the quorum traffic
 * really passes the proxies: isolating a node makes its heartbeats fail and the proxies drop bytes,
 * healing it lets it heartbeat again.
 */
class SamsaClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern REGISTERED = Pattern.compile("broker \\d+ registered with epoch");
    private static final Pattern UNFENCED = Pattern.compile("broker \\d+ is unfenced");

    @TempDir
    Path dir;
    private SamsaCluster cluster;

    @RegisterExtension
    final ClusterLogsOnFailure logs = new ClusterLogsOnFailure(() -> cluster);

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void nodesRegisterStopOnSigtermAndComeBackAfterKillNine() throws Exception {
        cluster = SamsaCluster.builder(dir).nodes(3).start();
        for (int id : cluster.nodeIds()) {
            cluster.awaitLogLine(id, UNFENCED, WAIT);
            assertTrue(Files.isDirectory(cluster.dataDir(id)), "node " + id + " keeps its data in its own directory");
        }
        assertEquals(0, cluster.terminate(2), "SIGTERM is a clean stop");
        assertFalse(cluster.isRunning(2));
        assertTrue(cluster.logLines(2).stream().anyMatch(line -> line.contains("Samsa broker stopped")),
                "node 2 logged its clean stop");
        cluster.restart(2);
        cluster.awaitLogLine(2, REGISTERED, WAIT);

        long before = cluster.pid(3);
        cluster.kill(3);
        assertFalse(cluster.isRunning(3));
        cluster.restart(3);
        assertNotEquals(before, cluster.pid(3));
        cluster.awaitLogLine(3, REGISTERED, WAIT);
        cluster.awaitLogLine(3, UNFENCED, WAIT);
    }

    /** Waits on cluster-admin: DescribeCluster answers from the metadata image. */
    @Test
    @Tag("cluster-pending")
    void everyNodeDescribesTheSameClusterOfThreeBrokers() throws Exception {
        cluster = SamsaCluster.builder(dir).nodes(3).start();
        Set<String> clusterIds = new HashSet<>();
        for (int id : cluster.nodeIds()) {
            try (Admin admin = ClusterClients.admin(cluster.bootstrapServers(id))) {
                Await.until(WAIT, "node " + id + " describing three brokers",
                        () -> ClusterClients.get(admin.describeCluster().nodes()).size() == 3);
                clusterIds.add(admin.describeCluster().clusterId().get());
                assertTrue(cluster.nodeIds().contains(admin.describeCluster().controller().get().id()));
            }
        }
        assertEquals(1, clusterIds.size(), "one quorum, one cluster id: " + clusterIds);
    }

    /**
     * Waits on F1 of the findings (the broker drops {@code cluster.id}, so nodes whose voters lists
     * differ, as in proxy mode, derive different cluster ids and form no quorum) and on DescribeCluster
     * from the image (cluster-admin) for the fenced flag.
     */
    @Test
    @Tag("cluster-pending")
    void isolatingANodeThroughTheProxiesFencesItAndHealingUnfencesIt() throws Exception {
        cluster = SamsaCluster.builder(dir).nodes(3).faultProxies().start();
        for (int id : cluster.nodeIds()) {
            cluster.awaitLogLine(id, UNFENCED, WAIT);
        }
        Await.until(WAIT, "an active controller", () -> cluster.activeControllerInLogs().isPresent());
        int controller = cluster.activeControllerInLogs().getAsInt();
        int cutOff = cluster.nodeIds().stream().filter(id -> id != controller).findFirst().orElseThrow();
        String others = cluster.nodeIds().stream().filter(id -> id != cutOff).map(cluster::bootstrapServers)
                .collect(Collectors.joining(","));
        int failedBefore = count(cutOff, "heartbeat failed");

        try (Admin admin = ClusterClients.admin(others)) {
            cluster.isolate(cutOff);
            Await.until(WAIT, "node " + cutOff + "'s heartbeats failing", () -> count(cutOff, "heartbeat failed") > failedBefore);
            Await.until(WAIT, "node " + cutOff + " fenced in the others' view", () -> {
                Set<Integer> fenced = fenced(admin);
                return fenced != null && fenced.contains(cutOff);
            });
            assertTrue(cluster.droppedBytes(cutOff) > 0, "the proxies dropped the node's traffic");

            cluster.heal(cutOff);
            Await.until(WAIT, "node " + cutOff + " unfenced again after the heal", () -> {
                Set<Integer> fenced = fenced(admin);
                return fenced != null && !fenced.contains(cutOff);
            });
        }
    }

    /** @return the ids DescribeCluster (fenced brokers included) reports fenced, or null while it fails */
    private static Set<Integer> fenced(Admin admin) {
        var nodes = ClusterClients.getOrNull(admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes());
        return nodes == null ? null : nodes.stream().filter(Node::isFenced).map(Node::id).collect(Collectors.toSet());
    }

    private int count(int nodeId, String text) {
        return (int) cluster.logLines(nodeId).stream().filter(line -> line.contains(text)).count();
    }
}
