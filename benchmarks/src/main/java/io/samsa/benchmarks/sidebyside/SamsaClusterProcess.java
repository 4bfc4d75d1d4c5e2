package io.samsa.benchmarks.sidebyside;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Samsa as a cluster of nodes in combined mode ({@code process.roles=broker,controller}), each a
 * {@link SamsaBrokerProcess} child JVM with fixed PLAINTEXT and CONTROLLER ports on 127.0.0.1 and a
 * data directory of its own, configured with Kafka's keys exactly as a user would
 * ({@code node.id}, {@code controller.quorum.voters}, {@code controller.listener.names},
 * {@code inter.broker.listener.name}).
 *
 * <p>The nodes start at the same time: a node's start line comes once the metadata quorum has a
 * majority, so starting them one after another would wait on itself.
 *
 * <p>Start and close from one thread.
 */
final class SamsaClusterProcess implements ClusterProcess {
    private final Path dir;
    private final Map<Integer, Integer> ports;
    private final Map<Integer, SamsaBrokerProcess> nodes;

    private SamsaClusterProcess(Path dir, Map<Integer, Integer> ports, Map<Integer, SamsaBrokerProcess> nodes) {
        this.dir = dir;
        this.ports = ports;
        this.nodes = nodes;
    }

    /** @throws IllegalStateException with a node's log tail when the cluster does not come up */
    static SamsaClusterProcess start(int nodeCount, List<String> jvmArgs, Map<String, String> settings, Duration timeout) {
        Path dir = ChildJvm.tempDir("samsa-cluster-bench-");
        Map<Integer, Integer> ports = new TreeMap<>();
        Map<Integer, Integer> controllerPorts = new TreeMap<>();
        for (int id = 1; id <= nodeCount; id++) {
            ports.put(id, ChildJvm.freePort());
            controllerPorts.put(id, ChildJvm.freePort());
        }
        String voters = controllerPorts.entrySet().stream()
            .map(e -> e.getKey() + "@127.0.0.1:" + e.getValue()).collect(Collectors.joining(","));
        Map<Integer, CompletableFuture<SamsaBrokerProcess>> starting = new TreeMap<>();
        for (int id = 1; id <= nodeCount; id++) {
            Map<String, String> node = nodeSettings(id, dir, ports.get(id), controllerPorts.get(id), voters, nodeCount);
            node.putAll(settings);
            starting.put(id, CompletableFuture.supplyAsync(() -> SamsaBrokerProcess.start(jvmArgs, node, timeout)));
        }
        Map<Integer, SamsaBrokerProcess> nodes = new TreeMap<>();
        List<RuntimeException> failures = new ArrayList<>();
        starting.forEach((id, future) -> {
            try {
                nodes.put(id, future.join());
            } catch (CompletionException e) {
                failures.add(new IllegalStateException("node " + id + ": " + e.getCause().getMessage(), e.getCause()));
            }
        });
        SamsaClusterProcess cluster = new SamsaClusterProcess(dir, ports, nodes);
        if (!failures.isEmpty()) {
            cluster.close();
            throw failures.get(0);
        }
        return cluster;
    }

    private static Map<String, String> nodeSettings(int id, Path dir, int port, int controllerPort, String voters, int nodeCount) {
        String replicas = String.valueOf(Math.min(3, nodeCount));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", String.valueOf(id));
        settings.put("controller.quorum.voters", voters);
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("log.dirs", dir.resolve("node-" + id).toString());
        settings.put("default.replication.factor", replicas);
        settings.put("offsets.topic.replication.factor", replicas);
        settings.put("min.insync.replicas", String.valueOf(Math.min(2, nodeCount)));
        return settings;
    }

    @Override
    public String name() {
        return "Samsa";
    }

    @Override
    public String bootstrapServers() {
        return ports.values().stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    @Override
    public List<Integer> nodeIds() {
        return List.copyOf(ports.keySet());
    }

    @Override
    public long pid(int nodeId) {
        return node(nodeId).pid();
    }

    @Override
    public void kill(int nodeId) {
        ProcessHandle.of(node(nodeId).pid()).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
    }

    @Override
    public void restart(int nodeId, Duration timeout) {
        SamsaBrokerProcess old = node(nodeId);
        old.close(); // the killed process is gone; this removes its launcher directory, not its log.dirs
        nodes.put(nodeId, (SamsaBrokerProcess) old.restart(timeout));
    }

    @Override
    public void close() {
        nodes.values().forEach(SamsaBrokerProcess::close);
        ChildJvm.deleteRecursively(dir);
    }

    private SamsaBrokerProcess node(int nodeId) {
        SamsaBrokerProcess node = nodes.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("no node " + nodeId + " in " + nodes.keySet());
        }
        return node;
    }
}
