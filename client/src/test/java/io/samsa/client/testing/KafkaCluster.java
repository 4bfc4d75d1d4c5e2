package io.samsa.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka 4.1 cluster of several KRaft nodes in combined mode (broker and controller in
 * each JVM) on 127.0.0.1, for benchmarks and interop tests that need replication.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * try (KafkaCluster kafka = KafkaCluster.builder().nodes(3).config("min.insync.replicas", "2").start()) {
 *     props.put("bootstrap.servers", kafka.bootstrapServers());   // all three brokers
 *     kafka.kill(2);                      // kill -9 one node
 *     kafka.restart(2, Duration.ofSeconds(60));
 * }
 * }</pre>
 *
 * <h2>How</h2>
 * Each node is a child JVM ({@link KafkaBrokerLauncher} with a fixed {@code controller.quorum.voters}
 * list, formatted without {@code --standalone}) with a temporary directory of its own, a PLAINTEXT
 * and a CONTROLLER port. {@link Builder#start} launches every node, then returns once a kafka-clients
 * admin sees all of them in DescribeCluster. The defaults give a cluster of three with replication
 * factor 3 for topics and the internal topics, {@code min.insync.replicas=2} and
 * {@code group.initial.rebalance.delay.ms=0}.
 *
 * <p>Start, kill, restart and close from one thread.
 */
public final class KafkaCluster implements AutoCloseable {
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    private final String clusterId;
    private final Map<Integer, ClusterNode> nodes;

    private KafkaCluster(String clusterId, Map<Integer, ClusterNode> nodes) {
        this.clusterId = clusterId;
        this.nodes = nodes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>,...} of every node's PLAINTEXT listener. */
    public String bootstrapServers() {
        return nodes.values().stream().map(node -> "127.0.0.1:" + node.port).collect(Collectors.joining(","));
    }

    /** {@code 127.0.0.1:<port>} of one node's PLAINTEXT listener. */
    public String bootstrapServers(int nodeId) {
        return "127.0.0.1:" + node(nodeId).port;
    }

    /** The node ids, 1 to n. */
    public Set<Integer> nodeIds() {
        return nodes.keySet();
    }

    public String clusterId() {
        return clusterId;
    }

    /** The node's JVM process id, for reading its memory. */
    public long pid(int nodeId) {
        return node(nodeId).process.pid();
    }

    public boolean isRunning(int nodeId) {
        return node(nodeId).process.isAlive();
    }

    /** The node's combined stdout and stderr. */
    public Path logFile(int nodeId) {
        return node(nodeId).dir.resolve("kafka.log");
    }

    /** kill -9 the node; returns once the process is gone. */
    public void kill(int nodeId) {
        ChildProcesses.kill(node(nodeId).process, "Kafka node " + nodeId);
    }

    /** SIGTERM the node and wait for it to exit (SIGKILL after 10 s). */
    public void stop(int nodeId) {
        ChildProcesses.stop(node(nodeId).process);
    }

    /** Starts a stopped or killed node again on its directory and ports, and waits until the cluster lists it. */
    public void restart(int nodeId, Duration timeout) {
        ClusterNode node = node(nodeId);
        if (node.process.isAlive()) {
            throw new IllegalStateException("Kafka node " + nodeId + " is still running; kill or stop it first");
        }
        node.process = KafkaBroker.startProcess(node.dir, node.command);
        try {
            awaitNodes(Set.of(nodeId), timeout);
        } catch (RuntimeException | Error e) {
            ChildProcesses.kill(node.process, "Kafka node " + nodeId);
            throw new IllegalStateException("Kafka node " + nodeId + " did not restart: " + e.getMessage()
                + "\n--- kafka.log tail ---\n" + ChildProcesses.logTail(logFile(nodeId)), e);
        }
    }

    @Override
    public void close() {
        for (ClusterNode node : nodes.values()) {
            try {
                ChildProcesses.stop(node.process);
            } finally {
                KafkaBroker.deleteRecursively(node.dir);
            }
        }
    }

    private ClusterNode node(int nodeId) {
        ClusterNode node = nodes.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("no node " + nodeId + " in " + nodes.keySet());
        }
        return node;
    }

    /** Waits until every node is alive and an admin on the running nodes lists {@code expected} among the brokers. */
    private void awaitNodes(Set<Integer> expected, Duration timeout) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        for (int id : expected) {
            while (!ChildProcesses.portAnswers(node(id).port)) {
                checkAlive(id, deadlineNs);
                KafkaBroker.pause(100);
            }
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            while (true) {
                for (int id : expected) {
                    checkAlive(id, deadlineNs);
                }
                try {
                    Set<Integer> listed = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                        .map(Node::id).collect(Collectors.toSet());
                    if (listed.containsAll(expected)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                } catch (Exception notYet) {
                    // the quorum is still electing, or the nodes have not registered
                }
                KafkaBroker.pause(100);
            }
        }
    }

    private void checkAlive(int nodeId, long deadlineNs) {
        Process process = node(nodeId).process;
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka node " + nodeId + " exited with code " + process.exitValue());
        }
        if (deadlineNs - System.nanoTime() <= 0) {
            throw new IllegalStateException("the Kafka cluster was not ready in time");
        }
    }

    @Override
    public String toString() {
        return "KafkaCluster(" + bootstrapServers() + ", cluster " + clusterId + ")";
    }

    /** One node: its directory, command line, PLAINTEXT port and current process. */
    private static final class ClusterNode {
        final Path dir;
        final List<String> command;
        final int port;
        volatile Process process;

        ClusterNode(Path dir, List<String> command, int port) {
            this.dir = dir;
            this.command = command;
            this.port = port;
        }
    }

    /** Settings of a cluster to start. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx768m", "-XX:+UseSerialGC"));
        private int nodeCount = 3;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private String classPath;

        /** How many combined nodes (default 3). */
        public Builder nodes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node");
            }
            nodeCount = count;
            return this;
        }

        /** Sets or overrides one server.properties entry on every node. */
        public Builder config(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** Replaces the default JVM arguments of every node ({@code -Xmx768m -XX:+UseSerialGC}). */
        public Builder jvmArgs(List<String> args) {
            jvmArgs.clear();
            jvmArgs.addAll(args);
            return this;
        }

        /** The children's class path; default as {@link KafkaBroker.Builder#classPath}. */
        public Builder classPath(String path) {
            classPath = path;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            startTimeout = timeout;
            return this;
        }

        /** Formats and starts every node and waits for all of them; throws with the log tails when they do not come up. */
        public KafkaCluster start() {
            String clusterId = Uuid.randomUuid().toString();
            Map<Integer, Integer> brokerPorts = new TreeMap<>();
            Map<Integer, Integer> controllerPorts = new TreeMap<>();
            for (int id = 1; id <= nodeCount; id++) {
                brokerPorts.put(id, ChildProcesses.freePort());
                controllerPorts.put(id, ChildProcesses.freePort());
            }
            String voters = controllerPorts.entrySet().stream()
                .map(e -> e.getKey() + "@127.0.0.1:" + e.getValue()).collect(Collectors.joining(","));
            Map<Integer, ClusterNode> nodes = new TreeMap<>();
            KafkaCluster cluster = new KafkaCluster(clusterId, nodes);
            try {
                for (int id = 1; id <= nodeCount; id++) {
                    Path dir = Files.createTempDirectory("samsa-kafka-" + id + "-");
                    Path props = KafkaBroker.writeServerProperties(dir,
                        properties(id, dir, brokerPorts.get(id), controllerPorts.get(id), voters));
                    List<String> command = KafkaBroker.childCommand(jvmArgs, classPath, dir, props, clusterId, true);
                    ClusterNode node = new ClusterNode(dir, command, brokerPorts.get(id));
                    node.process = KafkaBroker.startProcess(dir, command);
                    nodes.put(id, node);
                }
                cluster.awaitNodes(nodes.keySet(), startTimeout);
                return cluster;
            } catch (IOException e) {
                cluster.close();
                throw new UncheckedIOException(e);
            } catch (RuntimeException | Error e) {
                StringBuilder tails = new StringBuilder();
                for (int id : nodes.keySet()) {
                    tails.append("\n--- node ").append(id).append(" kafka.log tail ---\n")
                        .append(ChildProcesses.logTail(cluster.logFile(id)));
                }
                cluster.close();
                throw new IllegalStateException("the Kafka cluster did not start: " + e.getMessage() + tails, e);
            }
        }

        private Map<String, String> properties(int id, Path dir, int brokerPort, int controllerPort, String voters) {
            String replicas = String.valueOf(Math.min(3, nodeCount));
            String minIsr = String.valueOf(Math.min(2, nodeCount));
            Map<String, String> props = new LinkedHashMap<>();
            props.put("process.roles", "broker,controller");
            props.put("node.id", String.valueOf(id));
            props.put("controller.quorum.voters", voters);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", dir.resolve("data").toString());
            props.put("num.partitions", "1");
            props.put("default.replication.factor", replicas);
            props.put("min.insync.replicas", minIsr);
            props.put("offsets.topic.replication.factor", replicas);
            props.put("offsets.topic.num.partitions", "1");
            props.put("transaction.state.log.replication.factor", replicas);
            props.put("transaction.state.log.min.isr", minIsr);
            props.put("transaction.state.log.num.partitions", "1");
            props.put("share.coordinator.state.topic.replication.factor", replicas);
            props.put("share.coordinator.state.topic.min.isr", minIsr);
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "true");
            props.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
            props.putAll(overrides);
            return props;
        }
    }
}
