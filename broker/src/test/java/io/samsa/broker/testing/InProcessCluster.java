package io.samsa.broker.testing;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.cluster.ClusterMembership;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * N brokers in combined mode (broker and controller) in one JVM, on ports picked free up front so
 * a restarted node comes back on the same address: node ids 1..N, data under
 * {@code dir/node-<id>}, Kafka's keys with short heartbeat and election timeouts. Each node may get
 * its own config overrides. Closing the cluster closes every running node.
 */
public final class InProcessCluster implements AutoCloseable {
    /** How long {@link #awaitImage} waits by default: generous, for a loaded machine. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private final Path dir;
    private final int size;
    private final Map<Integer, Integer> ports = new TreeMap<>();
    private final Map<Integer, Integer> controllerPorts = new TreeMap<>();
    private final Map<Integer, Map<String, String>> overrides = new HashMap<>();
    private final Map<Integer, Broker> running = new TreeMap<>();
    private final java.util.Set<Integer> brokerOnly = new java.util.TreeSet<>();

    /**
     * @param dir  the data root (a test's TempDir)
     * @param size the number of nodes, all voters
     */
    public InProcessCluster(Path dir, int size) {
        this.dir = dir;
        this.size = size;
        for (int id = 1; id <= size; id++) {
            ports.put(id, freePort());
            controllerPorts.put(id, freePort());
        }
    }

    /** @return a cluster of {@code size} nodes, all started; the caller closes it */
    public static InProcessCluster started(Path dir, int size) throws Exception {
        InProcessCluster cluster = new InProcessCluster(dir, size);
        try {
            cluster.startAll();
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * Adds node {@code id} with {@code process.roles=broker}: not a voter, it reads the metadata log
     * from the controllers. Started by {@link #startAll} or {@link #start} like the others.
     */
    public InProcessCluster addBrokerOnly(int id) {
        if (ports.containsKey(id)) {
            throw new IllegalArgumentException("node " + id + " exists");
        }
        ports.put(id, freePort());
        brokerOnly.add(id);
        return this;
    }

    /** Adds config overrides for node {@code id}, used from its next start on. */
    public InProcessCluster override(int id, String key, String value) {
        overrides.computeIfAbsent(id, k -> new HashMap<>()).put(key, value);
        return this;
    }

    /** Adds config overrides for every node, used from their next start on. */
    public InProcessCluster overrideAll(String key, String value) {
        for (int id : ports.keySet()) {
            override(id, key, value);
        }
        return this;
    }

    /** @return the node ids, 1..N */
    public List<Integer> nodeIds() {
        return new ArrayList<>(ports.keySet());
    }

    /** Starts every node not running. */
    public void startAll() throws Exception {
        for (int id : nodeIds()) {
            if (!running.containsKey(id)) {
                start(id);
            }
        }
    }

    /** Starts node {@code id} (again) with its data directory as it is. */
    public Broker start(int id) throws Exception {
        if (running.containsKey(id)) {
            throw new IllegalStateException("node " + id + " is running");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Broker broker = BrokerAssembly.build(config(id), Time.SYSTEM).start();
                running.put(id, broker);
                return broker;
            } catch (Exception e) {
                // the broker port was picked free up front; another process may have taken it since
                if (attempt >= 3 || !brokerPortTaken(e)) {
                    throw e;
                }
                ports.put(id, freePort());
            }
        }
    }

    /** @return whether the start failed binding the broker listener (not the quorum's, which the voters fix) */
    private static boolean brokerPortTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            boolean inUse = String.valueOf(t.getMessage()).contains("Address already in use");
            boolean network = java.util.Arrays.stream(t.getStackTrace())
                    .anyMatch(frame -> frame.getClassName().equals("io.samsa.broker.network.NetworkServer"));
            if (inUse && network) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (brokerPortTaken(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Closes node {@code id} (a controlled shutdown); its data stays. */
    public void stop(int id) {
        Broker broker = running.remove(id);
        if (broker == null) {
            throw new IllegalStateException("node " + id + " is not running");
        }
        broker.close();
    }

    /** Stops node {@code id} and starts it again. */
    public Broker restart(int id) throws Exception {
        stop(id);
        return start(id);
    }

    /** @return whether node {@code id} is running */
    public boolean isRunning(int id) {
        return running.containsKey(id);
    }

    /** @return the running node {@code id} */
    public Broker broker(int id) {
        Broker broker = running.get(id);
        if (broker == null) {
            throw new IllegalStateException("node " + id + " is not running");
        }
        return broker;
    }

    /** @return the running nodes by id */
    public Map<Integer, Broker> running() {
        return java.util.Collections.unmodifiableMap(running);
    }

    /** @return node {@code id}'s cluster membership (its quorum and registration) */
    public ClusterMembership membership(int id) {
        return broker(id).component(ClusterMembership.class).orElseThrow();
    }

    /** @return node {@code id}'s current metadata image */
    public MetadataImage image(int id) {
        return membership(id).quorum().currentImage();
    }

    /** @return node {@code id}'s broker port (PLAINTEXT) */
    public int port(int id) {
        return ports.get(id);
    }

    /** @return node {@code id}'s CONTROLLER port */
    public int controllerPort(int id) {
        return controllerPorts.get(id);
    }

    /** @return node {@code id}'s data directory */
    public Path logDir(int id) {
        return dir.resolve("node-" + id);
    }

    /** @return the broker listeners of every node, as a client's bootstrap.servers */
    public String bootstrapServers() {
        return ports.values().stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** Waits until every running node's image satisfies {@code condition}. */
    public void awaitImage(String what, Predicate<MetadataImage> condition) {
        awaitImage(WAIT, what, condition);
    }

    /** Waits at most {@code timeout} until every running node's image satisfies {@code condition}. */
    public void awaitImage(Duration timeout, String what, Predicate<MetadataImage> condition) {
        Await.until(timeout, what, () -> running.keySet().stream().allMatch(id -> condition.test(image(id))));
    }

    /** Waits until every running node's image has all N brokers registered and unfenced. */
    public void awaitAllUnfenced() {
        awaitImage("all " + ports.size() + " brokers unfenced", image -> image.brokers().size() == ports.size()
                && image.brokers().values().stream().noneMatch(b -> b.fenced()));
        Await.until(WAIT, "every node sees itself unfenced",
                () -> running.keySet().stream().allMatch(id -> membership(id).isUnfenced()));
    }

    /** @return node {@code id}'s config as it starts next */
    public BrokerConfig config(int id) {
        String voters = controllerPorts.entrySet().stream().map(e -> e.getKey() + "@127.0.0.1:" + e.getValue())
                .collect(Collectors.joining(","));
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", brokerOnly.contains(id) ? "broker" : "broker,controller");
        props.put("node.id", Integer.toString(id));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", brokerOnly.contains(id) ? "PLAINTEXT://127.0.0.1:" + ports.get(id)
                : "PLAINTEXT://127.0.0.1:" + ports.get(id) + ",CONTROLLER://127.0.0.1:" + controllerPorts.get(id));
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir(id).toString());
        props.put("broker.heartbeat.interval.ms", "200");
        props.put("controller.quorum.election.timeout.ms", "300");
        props.put("samsa.shutdown.timeout.ms", "3000");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("offsets.topic.num.partitions", "5");
        props.putAll(overrides.getOrDefault(id, Map.of()));
        return BrokerConfig.of(props);
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (int id : new ArrayList<>(running.keySet())) {
            try {
                stop(id);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
