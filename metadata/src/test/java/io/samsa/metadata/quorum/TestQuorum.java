package io.samsa.metadata.quorum;

import io.samsa.metadata.controller.ControllerConfig;
import io.samsa.metadata.controller.ControllerOperation;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An in-process quorum of Ratis voters on 127.0.0.1 (ephemeral ports picked up front, since every
 * voter must know the others' addresses), each with its own directory under {@code root}, with
 * short election timeouts. Nodes can be stopped and restarted on the same port and directory.
 * Not thread-safe: one test thread drives it; {@link #close} stops every node.
 */
final class TestQuorum implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final long ELECTION_TIMEOUT_MS = 300;
    static final long REQUEST_TIMEOUT_MS = 2_500;

    private final Path root;
    private final Map<Integer, Integer> ports = new HashMap<>();
    private final Map<Integer, RatisMetadataQuorum> nodes = new HashMap<>();
    private final Map<String, String> extra;
    private final ControllerConfig controllerConfig;
    private final String voters;

    TestQuorum(Path root, int size, Map<String, String> extra) {
        this.root = root;
        this.extra = Map.copyOf(extra);
        this.controllerConfig = ControllerConfig.fromProperties(Map.of(ControllerConfig.SESSION_TIMEOUT_MS, "600000"));
        for (int id = 1; id <= size; id++) {
            ports.put(id, freePort());
        }
        voters = ports.entrySet().stream().map(e -> e.getKey() + "@127.0.0.1:" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    QuorumConfig config(int id) {
        Map<String, String> props = new HashMap<>(extra);
        props.put(QuorumConfig.NODE_ID, Integer.toString(id));
        props.put(QuorumConfig.VOTERS, voters);
        props.put(QuorumConfig.METADATA_LOG_DIR, dir(id).toString());
        props.put(QuorumConfig.ELECTION_TIMEOUT_MS, Long.toString(ELECTION_TIMEOUT_MS));
        props.put(QuorumConfig.REQUEST_TIMEOUT_MS, Long.toString(REQUEST_TIMEOUT_MS));
        return QuorumConfig.fromProperties(props);
    }

    Path dir(int id) {
        return root.resolve("node-" + id);
    }

    void startAll() throws IOException {
        for (int id : ports.keySet()) {
            start(id);
        }
    }

    RatisMetadataQuorum start(int id) throws IOException {
        return start(id, (delta, image) -> {
        });
    }

    /** Starts node {@code id} with {@code listener} told of every image from its first (the replay). */
    RatisMetadataQuorum start(int id, MetadataListener listener) throws IOException {
        RatisMetadataQuorum node = new RatisMetadataQuorum(config(id), controllerConfig, Time.SYSTEM);
        nodes.put(id, node);
        node.addListener(listener);
        node.start();
        return node;
    }

    /**
     * Starts an observer ({@code process.roles=broker}, not a voter) of this quorum as node
     * {@code id}; the caller closes it.
     */
    ObserverMetadataQuorum startObserver(int id, MetadataListener listener) throws IOException {
        Map<String, String> props = new HashMap<>(extra);
        props.put(QuorumConfig.NODE_ID, Integer.toString(id));
        props.put(QuorumConfig.PROCESS_ROLES, "broker");
        props.put(QuorumConfig.VOTERS, voters);
        props.put(QuorumConfig.METADATA_LOG_DIR, dir(id).toString());
        props.put(QuorumConfig.ELECTION_TIMEOUT_MS, Long.toString(ELECTION_TIMEOUT_MS));
        props.put(QuorumConfig.REQUEST_TIMEOUT_MS, Long.toString(REQUEST_TIMEOUT_MS));
        ObserverMetadataQuorum observer = new ObserverMetadataQuorum(QuorumConfig.fromProperties(props), Time.SYSTEM);
        observer.addListener(listener);
        observer.start();
        return observer;
    }

    void stop(int id) {
        RatisMetadataQuorum node = nodes.remove(id);
        if (node != null) {
            node.close();
        }
    }

    RatisMetadataQuorum node(int id) {
        return nodes.get(id);
    }

    List<Integer> running() {
        return new ArrayList<>(nodes.keySet());
    }

    /** @return the running node that is the active controller, once there is one */
    int awaitActive() {
        int[] found = {-1};
        Await.until(WAIT, "an active controller among " + running(), () -> {
            for (Map.Entry<Integer, RatisMetadataQuorum> e : nodes.entrySet()) {
                if (e.getValue().isActiveController()) {
                    found[0] = e.getKey();
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /**
     * Submits to the active controller, retrying NOT_CONTROLLER (a leader change in between)
     * until the deadline. @return the response
     */
    <T> T submit(ControllerOperation<T> operation) {
        long deadlineNs = System.nanoTime() + WAIT.toNanos();
        while (true) {
            int leader = awaitActive();
            try {
                return nodes.get(leader).submit(operation).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof MetadataQuorumException q) || q.error().error() != ErrorCode.NOT_CONTROLLER
                        || deadlineNs - System.nanoTime() <= 0) {
                    throw new AssertionError("operation failed on node " + leader, e.getCause());
                }
            } catch (Exception e) {
                throw new AssertionError("operation failed on node " + leader, e);
            }
        }
    }

    /** Waits until every running node's committed image satisfies {@code condition}. */
    void awaitAll(String what, Predicate<MetadataImage> condition) {
        Await.until(WAIT, what + " on every running node", () -> nodes.values().stream()
                .allMatch(n -> condition.test(n.currentImage())));
    }

    /** Stops every running node (they can be started again). */
    void stopAll() {
        for (int id : new ArrayList<>(nodes.keySet())) {
            stop(id);
        }
    }

    @Override
    public void close() {
        stopAll();
    }

    /** Writes {@code count} config keys of topic t, pipelined on the active controller. */
    void writeConfigs(int from, int count) {
        RatisMetadataQuorum leader = node(awaitActive());
        List<CompletableFuture<ApiError>> writes = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String key = "key." + i;
            writes.add(leader.submit((c, image, nowMs) -> c.alterConfigs(image, ConfigResource.topic("t"),
                    Map.of(key, Optional.of("v" + key)))));
        }
        CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0]))
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /**
     * The files under {@code dir} whose names start with {@code prefix}. Ratis writes and renames
     * snapshot and log files while the test looks, so a file that vanishes during the walk is skipped.
     */
    static List<Path> files(Path dir, String prefix) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().startsWith(prefix)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
