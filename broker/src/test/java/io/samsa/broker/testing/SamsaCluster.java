package io.samsa.broker.testing;

import io.samsa.protocol.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * N Samsa nodes in combined mode ({@code process.roles=broker,controller}), each a child JVM
 * ({@link ClusterNodeProcess}) on fixed free 127.0.0.1 ports with a data directory and a log file of
 * its own under the test's directory, configured with Kafka's keys as a user would. The test can
 * kill -9 a node, SIGTERM it and read its exit status, and restart it on the same directory and ports.
 *
 * <p>With {@link Builder#faultProxies()} every path between nodes goes through a
 * {@link FaultInjectingProxy}: one per directed pair for the quorum (CONTROLLER) traffic, node i's
 * {@code controller.quorum.voters} naming its own proxy to each other node, and one in front of each
 * node's PLAINTEXT listener, which is the node's advertised listener (so clients and followers
 * fetching from it pass it too). {@link #isolate} drops everything into and out of a node's
 * quorum proxies and into its PLAINTEXT proxy; {@link #heal} lets it flow again.
 *
 * <p>{@link #close} kills every node still running; a JVM shutdown hook does the same if the test JVM
 * exits without closing. Not thread-safe: the test thread drives it.
 */
public final class SamsaCluster implements AutoCloseable {
    /** How long a node may take to log its start line (a loaded 2-core machine starts 3 JVMs at once). */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern ACTIVE_CONTROLLER = Pattern.compile("node (\\d+) is the active controller for term (\\d+)");
    private static final Set<ClusterNodeProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ClusterNodeProcess::close),
                "samsa-cluster-reaper"));
    }

    private final Path dir;
    private final Map<Integer, ClusterNodeProcess> nodes = new TreeMap<>();
    private final Map<Integer, Integer> advertisedPorts;
    private final Map<Integer, List<FaultInjectingProxy>> proxiesOfNode;
    private final List<FaultInjectingProxy> proxies;

    private SamsaCluster(Path dir, Map<Integer, Integer> advertisedPorts, Map<Integer, List<FaultInjectingProxy>> proxiesOfNode,
            List<FaultInjectingProxy> proxies) {
        this.dir = dir;
        this.advertisedPorts = advertisedPorts;
        this.proxiesOfNode = proxiesOfNode;
        this.proxies = proxies;
    }

    /** @param dir where the nodes keep their data directories and log files (a test's {@code @TempDir}) */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** @return the node ids, 1..N */
    public List<Integer> nodeIds() {
        return List.copyOf(advertisedPorts.keySet());
    }

    /** @return every node's advertised {@code 127.0.0.1:port}, comma-separated (the proxies' in proxy mode) */
    public String bootstrapServers() {
        return advertisedPorts.keySet().stream().map(this::bootstrapServers).collect(Collectors.joining(","));
    }

    /** @return one node's advertised {@code 127.0.0.1:port} */
    public String bootstrapServers(int nodeId) {
        return "127.0.0.1:" + advertisedPort(nodeId);
    }

    /** @return the port the node registers for clients (its PLAINTEXT proxy's in proxy mode) */
    public int advertisedPort(int nodeId) {
        Integer port = advertisedPorts.get(nodeId);
        if (port == null) {
            throw new IllegalArgumentException("no node " + nodeId + " in " + advertisedPorts.keySet());
        }
        return port;
    }

    /** @return the node's {@code log.dirs} */
    public Path dataDir(int nodeId) {
        return dir.resolve("node-" + nodeId);
    }

    /** @return the file the node's output goes to, across restarts */
    public Path logFile(int nodeId) {
        return node(nodeId).logFile();
    }

    public boolean isRunning(int nodeId) {
        return node(nodeId).isAlive();
    }

    /** @return the node's process id (of its current launch) */
    public long pid(int nodeId) {
        return node(nodeId).pid();
    }

    /** kill -9 ({@link Process#destroyForcibly}); returns once the process is gone. */
    public void kill(int nodeId) {
        node(nodeId).kill();
    }

    /**
     * SIGTERM, then waits for the process to exit.
     *
     * @return its exit status (0 after a clean shutdown)
     */
    public int terminate(int nodeId) throws InterruptedException {
        return node(nodeId).terminate(STOP_TIMEOUT);
    }

    /** Starts a stopped node again with the same data directory, ports and settings; waits for its start line. */
    public void restart(int nodeId) {
        ClusterNodeProcess node = node(nodeId);
        node.relaunch();
        node.awaitStarted(START_TIMEOUT);
    }

    /** Restarts a stopped node without waiting for its start line (for several nodes coming back at once). */
    public void relaunch(int nodeId) {
        node(nodeId).relaunch();
    }

    /** Waits for the start line of a node's current launch. */
    public void awaitStarted(int nodeId) {
        node(nodeId).awaitStarted(START_TIMEOUT);
    }

    /** Waits until the node's current launch has logged a line matching {@code pattern}. */
    public void awaitLogLine(int nodeId, Pattern pattern, Duration timeout) {
        ClusterNodeProcess node = node(nodeId);
        try {
            Await.until(timeout, "node " + nodeId + " logging /" + pattern + "/",
                    () -> node.linesOfThisLaunch().stream().anyMatch(line -> pattern.matcher(line).find()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + node.tail(), e);
        }
    }

    /** @return the lines the node's current launch has logged so far */
    public List<String> logLines(int nodeId) {
        return node(nodeId).linesOfThisLaunch();
    }

    /**
     * @return the node that logged "is the active controller" for the highest term, from the logs of the
     *     running nodes' current launches (for tests that run before DescribeQuorum answers)
     */
    public OptionalInt activeControllerInLogs() {
        int best = -1;
        long bestTerm = -1;
        for (ClusterNodeProcess node : nodes.values()) {
            if (!node.isAlive()) {
                continue;
            }
            for (String line : node.linesOfThisLaunch()) {
                Matcher m = ACTIVE_CONTROLLER.matcher(line);
                if (m.find() && Long.parseLong(m.group(2)) > bestTerm) {
                    bestTerm = Long.parseLong(m.group(2));
                    best = Integer.parseInt(m.group(1));
                }
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** Cuts the node off: its quorum traffic both ways and everything into its PLAINTEXT listener is dropped. */
    public void isolate(int nodeId) {
        proxiesOf(nodeId).forEach(FaultInjectingProxy::drop);
    }

    /** Undoes {@link #isolate}: the proxies pass again and close the connections that lost bytes. */
    public void heal(int nodeId) {
        proxiesOf(nodeId).forEach(FaultInjectingProxy::heal);
    }

    /** @return the bytes the node's proxies dropped so far (proof that an isolation really cut traffic) */
    public long droppedBytes(int nodeId) {
        return proxiesOf(nodeId).stream().mapToLong(FaultInjectingProxy::droppedBytes).sum();
    }

    private List<FaultInjectingProxy> proxiesOf(int nodeId) {
        List<FaultInjectingProxy> of = proxiesOfNode.get(nodeId);
        if (of == null) {
            throw new IllegalStateException("the cluster was built without fault proxies (Builder.faultProxies())");
        }
        return of;
    }

    /**
     * Copies every node's whole log file into {@code target} (e.g. the module's target directory,
     * which outlives the test's temp directory), for diagnosing a failure after the run.
     */
    public void copyLogsTo(Path target) {
        try {
            Files.createDirectories(target);
            for (ClusterNodeProcess node : nodes.values()) {
                if (Files.exists(node.logFile())) {
                    Files.copy(node.logFile(), target.resolve(node.logFile().getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the node logs to " + target, e);
        }
    }

    /** @return the last lines of every node's log, for a failure message */
    public String logTails() {
        return nodes.values().stream().map(ClusterNodeProcess::tail).collect(Collectors.joining("\n"));
    }

    private ClusterNodeProcess node(int nodeId) {
        ClusterNodeProcess node = nodes.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("no node " + nodeId + " in " + nodes.keySet());
        }
        return node;
    }

    /** Kills every node still running (no graceful stop: the test is over) and closes the proxies. */
    @Override
    public void close() {
        nodes.values().forEach(node -> {
            node.close();
            LIVE.remove(node);
        });
        proxies.forEach(FaultInjectingProxy::close);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings of a cluster to start. Not thread-safe. */
    public static final class Builder {
        private final Path dir;
        private int nodeCount = 3;
        private boolean faultProxies;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final Map<Integer, Map<String, String>> nodeOverrides = new HashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xss512k"));

        private Builder(Path dir) {
            this.dir = dir;
        }

        public Builder nodes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a cluster has at least one node, got " + count);
            }
            this.nodeCount = count;
            return this;
        }

        /** Routes every inter-node path through a {@link FaultInjectingProxy} (see the class comment). */
        public Builder faultProxies() {
            this.faultProxies = true;
            return this;
        }

        /** A broker setting for every node, over the harness defaults. */
        public Builder override(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** A broker setting for one node, over the defaults and the cluster-wide overrides. */
        public Builder override(int nodeId, String key, String value) {
            nodeOverrides.computeIfAbsent(nodeId, id -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        /** Launches every node at once (a node's start line needs a quorum majority) and waits for each start line. */
        public SamsaCluster start() {
            Map<Integer, Integer> ports = new TreeMap<>();
            Map<Integer, Integer> controllerPorts = new TreeMap<>();
            for (int id = 1; id <= nodeCount; id++) {
                ports.put(id, freePort());
                controllerPorts.put(id, freePort());
            }
            List<FaultInjectingProxy> proxies = new ArrayList<>();
            Map<Integer, List<FaultInjectingProxy>> proxiesOfNode = new TreeMap<>();
            Map<Integer, Integer> advertised = new TreeMap<>(ports);
            Map<Integer, Map<Integer, Integer>> voterPorts = new TreeMap<>();
            for (int from = 1; from <= nodeCount; from++) {
                Map<Integer, Integer> view = new TreeMap<>(controllerPorts);
                voterPorts.put(from, view);
                if (!faultProxies) {
                    continue;
                }
                for (int to = 1; to <= nodeCount; to++) {
                    if (to != from) {
                        FaultInjectingProxy proxy = FaultInjectingProxy.to(controllerPorts.get(to));
                        proxies.add(proxy);
                        view.put(to, proxy.port());
                        proxiesOfNode.computeIfAbsent(from, id -> new ArrayList<>()).add(proxy);
                        proxiesOfNode.computeIfAbsent(to, id -> new ArrayList<>()).add(proxy);
                    }
                }
            }
            if (faultProxies) {
                for (int id = 1; id <= nodeCount; id++) {
                    FaultInjectingProxy proxy = FaultInjectingProxy.to(ports.get(id));
                    proxies.add(proxy);
                    advertised.put(id, proxy.port());
                    proxiesOfNode.computeIfAbsent(id, key -> new ArrayList<>()).add(proxy);
                }
            }
            String clusterId = randomClusterId();
            SamsaCluster cluster = new SamsaCluster(dir, advertised, faultProxies ? proxiesOfNode : Map.of(), proxies);
            try {
                for (int id = 1; id <= nodeCount; id++) {
                    Map<String, String> settings = settings(id, clusterId, ports.get(id), controllerPorts.get(id), advertised.get(id),
                            voterPorts.get(id), cluster.dataDir(id));
                    ClusterNodeProcess node = ClusterNodeProcess.launch(id, dir.resolve("node-" + id + ".log"), jvmOptions, settings);
                    LIVE.add(node);
                    cluster.nodes.put(id, node);
                }
                cluster.nodes.values().forEach(node -> node.awaitStarted(START_TIMEOUT));
            } catch (RuntimeException | Error e) {
                String tails = cluster.logTails();
                cluster.close();
                throw new AssertionError("the cluster did not start: " + e.getMessage() + "\n" + tails, e);
            }
            return cluster;
        }

        /** A Kafka-style cluster id (22 characters of URL-safe base64 of 16 random bytes). */
        private static String randomClusterId() {
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        private Map<String, String> settings(int id, String clusterId, int port, int controllerPort, int advertisedPort,
                Map<Integer, Integer> voterPorts, Path dataDir) {
            String voters = voterPorts.entrySet().stream().map(e -> e.getKey() + "@127.0.0.1:" + e.getValue())
                    .collect(Collectors.joining(","));
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("process.roles", "broker,controller");
            settings.put("node.id", Integer.toString(id));
            // Set, not derived: without it a node derives the id from its controller.quorum.voters text, which
            // differs per node in proxy mode (each lists its own proxies), and the nodes form no common group.
            settings.put("cluster.id", clusterId);
            settings.put("controller.quorum.voters", voters);
            settings.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + advertisedPort);
            settings.put("controller.listener.names", "CONTROLLER");
            settings.put("inter.broker.listener.name", "PLAINTEXT");
            settings.put("log.dirs", dataDir.toString());
            settings.put("default.replication.factor", Integer.toString(Math.min(3, nodeCount)));
            settings.put("min.insync.replicas", Integer.toString(Math.min(2, nodeCount)));
            settings.put("offsets.topic.replication.factor", Integer.toString(Math.min(3, nodeCount)));
            settings.put("offsets.topic.num.partitions", "5");
            settings.put("unclean.leader.election.enable", "false");
            // Short enough that a test sees a failover in seconds, long enough for a loaded 2-core machine.
            settings.put("broker.heartbeat.interval.ms", "250");
            settings.put("broker.session.timeout.ms", "3000");
            settings.put("controller.quorum.election.timeout.ms", "1000");
            settings.put("replica.lag.time.max.ms", "5000");
            settings.put("group.initial.rebalance.delay.ms", "0");
            settings.put("group.min.session.timeout.ms", "1000");
            settings.put("num.network.threads", "2");
            settings.put("num.io.threads", "4");
            settings.put("samsa.shutdown.timeout.ms", "5000");
            settings.putAll(overrides);
            settings.putAll(nodeOverrides.getOrDefault(id, Map.of()));
            return settings;
        }
    }
}
