package io.samsa.client.internals.metadata;

import io.samsa.client.common.Node;
import io.samsa.client.config.CommonClientConfigs;
import io.samsa.client.errors.Errors;
import io.samsa.client.errors.RetriableException;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's view of the cluster, kept fresh: starts from the bootstrap servers, refreshes when
 * asked ({@link #requestUpdate}, or {@link #onError} with a stale-metadata error) and at least every
 * metadata.max.age.ms, retrying failed refreshes after retry.backoff.ms. It tracks the topics the
 * engines care about ({@link #addTopics}, or every topic with {@link #trackAllTopics}); a refresh
 * asks for exactly those.
 *
 * <p>The refresh runs as a ticker of the {@link NetworkClient}, so it needs no thread. It also
 * offers one-off lookups ({@link #fetch}) that do not touch the tracked view, as the admin client
 * needs.
 *
 * <p>Thread-safe: state is guarded by this object's monitor, never held during I/O.
 */
public final class ClusterMetadata {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMetadata.class);

    private final NetworkClient network;
    private final List<Node> bootstrapNodes;
    private final long metadataMaxAgeMs;
    private final long retryBackoffMs;
    private final boolean allowAutoTopicCreation;
    private final Set<String> topics = new HashSet<>();
    private volatile MetadataSnapshot snapshot;
    private boolean allTopics;
    private boolean updateRequested;
    private boolean updateInFlight;
    private long lastAttemptMs = Long.MIN_VALUE / 2;
    private long lastSuccessMs = Long.MIN_VALUE / 2;
    /** Completed by the next refresh to start; requests made while one is in flight wait for the following one. */
    private CompletableFuture<MetadataSnapshot> nextUpdate = new CompletableFuture<>();
    private CompletableFuture<MetadataSnapshot> inFlightUpdate;

    /**
     * @param metadataMaxAgeMs refresh at least this often, in milliseconds
     * @param retryBackoffMs   wait after a failed refresh, in milliseconds
     */
    public ClusterMetadata(NetworkClient network, List<Node> bootstrapNodes, long metadataMaxAgeMs, long retryBackoffMs,
                           boolean allowAutoTopicCreation) {
        if (bootstrapNodes.isEmpty()) {
            throw new IllegalArgumentException("no bootstrap servers");
        }
        this.network = network;
        this.bootstrapNodes = List.copyOf(bootstrapNodes);
        this.metadataMaxAgeMs = metadataMaxAgeMs;
        this.retryBackoffMs = retryBackoffMs;
        this.allowAutoTopicCreation = allowAutoTopicCreation;
        this.snapshot = MetadataSnapshot.bootstrap(this.bootstrapNodes);
        network.addTicker(this::poll);
    }

    /**
     * Parses {@code bootstrap.servers} entries into nodes with ids -1, -2, ... (negative so they never
     * collide with a broker's id).
     */
    public static List<Node> bootstrapNodes(List<String> servers) {
        List<Node> nodes = new ArrayList<>();
        int id = -1;
        for (CommonClientConfigs.HostAndPort address : CommonClientConfigs.parseBootstrapServers(servers)) {
            nodes.add(new Node(id--, address.host(), address.port()));
        }
        return nodes;
    }

    /** The latest view; the bootstrap view until the first refresh succeeds. */
    public MetadataSnapshot snapshot() {
        return snapshot;
    }

    /** Adds topics to track; a refresh is requested when any is new. */
    public CompletableFuture<MetadataSnapshot> addTopics(Collection<String> names) {
        boolean added;
        synchronized (this) {
            added = topics.addAll(names);
        }
        return added ? requestUpdate() : CompletableFuture.completedFuture(snapshot);
    }

    /** Replaces the tracked topics. */
    public synchronized void setTopics(Collection<String> names) {
        topics.clear();
        topics.addAll(names);
        updateRequested = true;
    }

    /** Tracks every topic of the cluster (pattern subscriptions, listing). */
    public synchronized void trackAllTopics(boolean all) {
        allTopics = all;
        updateRequested = true;
    }

    /**
     * Asks for a refresh on the next tick.
     *
     * @return completes with the snapshot of the next successful refresh
     */
    public CompletableFuture<MetadataSnapshot> requestUpdate() {
        CompletableFuture<MetadataSnapshot> future;
        synchronized (this) {
            updateRequested = true;
            future = nextUpdate;
        }
        network.execute(() -> poll(network.time().milliseconds()));
        return future;
    }

    /** Reports a broker error; a stale-metadata error requests a refresh. */
    public void onError(ErrorCode error) {
        if (MetadataErrors.requiresRefresh(error)) {
            requestUpdate();
        }
    }

    /** Milliseconds until the next refresh is due (0 when due now). */
    public synchronized long timeToNextUpdateMs(long nowMs) {
        long dueMs = updateRequested ? lastAttemptMs + retryBackoffMs : lastSuccessMs + metadataMaxAgeMs;
        return Math.max(0, Math.max(dueMs, lastAttemptMs + retryBackoffMs) - nowMs);
    }

    /** Starts a refresh when one is due and none is running. Runs on the network thread each tick. */
    public void poll(long nowMs) {
        Collection<String> names;
        synchronized (this) {
            if (updateInFlight || timeToNextUpdateMs(nowMs) > 0) {
                return;
            }
            updateInFlight = true;
            updateRequested = false;
            lastAttemptMs = nowMs;
            inFlightUpdate = nextUpdate;
            nextUpdate = new CompletableFuture<>();
            names = allTopics ? null : List.copyOf(topics);
        }
        Node node = leastLoadedNode(nowMs);
        fetchFrom(node, names).whenComplete(this::onRefreshDone);
    }

    private void onRefreshDone(MetadataSnapshot fresh, Throwable error) {
        CompletableFuture<MetadataSnapshot> done;
        CompletableFuture<MetadataSnapshot> following;
        synchronized (this) {
            updateInFlight = false;
            done = inFlightUpdate;
            following = nextUpdate;
            inFlightUpdate = null;
            if (fresh != null) {
                snapshot = fresh;
                lastSuccessMs = fresh.updatedAtMs();
            } else {
                updateRequested = true;
            }
        }
        if (fresh != null) {
            done.complete(fresh);
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        LOG.debug("metadata refresh failed: {}", cause.toString());
        if (cause instanceof RetriableException) {
            // the waiters of the failed refresh are served by the retry
            following.whenComplete((next, nextError) -> {
                if (nextError != null) {
                    done.completeExceptionally(nextError);
                } else {
                    done.complete(next);
                }
            });
        } else {
            done.completeExceptionally(cause);
        }
    }

    /**
     * A one-off Metadata request to the least loaded node, leaving the tracked view alone.
     *
     * @param names topic names, or null for every topic
     */
    public CompletableFuture<MetadataSnapshot> fetch(Collection<String> names) {
        return fetchFrom(leastLoadedNode(network.time().milliseconds()), names);
    }

    private CompletableFuture<MetadataSnapshot> fetchFrom(Node node, Collection<String> names) {
        return network.send(node, MetadataRequests.forTopics(names, allowAutoTopicCreation), MetadataResponse.class)
            .thenApply(response -> {
                ErrorCode error = ErrorCode.forCode(response.errorCode());
                if (error != ErrorCode.NONE) {
                    throw Errors.toException(error, "Metadata request failed");
                }
                return MetadataSnapshot.fromResponse(response, network.time().milliseconds());
            });
    }

    /**
     * The node to send a request that any broker can answer: among known brokers (the bootstrap
     * servers until the first refresh), one that is not backing off from a failed connection and has
     * the fewest requests outstanding; ties are broken from a random start so load spreads. When all
     * are backing off, the one that may reconnect soonest.
     */
    public Node leastLoadedNode(long nowMs) {
        List<Node> candidates = new ArrayList<>(snapshot.nodesById().values());
        if (candidates.isEmpty()) {
            candidates.addAll(bootstrapNodes);
        }
        int start = ThreadLocalRandom.current().nextInt(candidates.size());
        Node best = null;
        int bestInFlight = Integer.MAX_VALUE;
        Node soonest = null;
        long soonestDelayMs = Long.MAX_VALUE;
        for (int i = 0; i < candidates.size(); i++) {
            Node node = candidates.get((start + i) % candidates.size());
            long delayMs = network.connectionDelayMs(node.id(), nowMs);
            if (delayMs > 0) {
                if (delayMs < soonestDelayMs) {
                    soonest = node;
                    soonestDelayMs = delayMs;
                }
                continue;
            }
            int inFlight = network.inFlightCount(node.id());
            if (inFlight < bestInFlight || (inFlight == bestInFlight && network.isReady(node.id()) && !network.isReady(best.id()))) {
                best = node;
                bestInFlight = inFlight;
            }
        }
        return best != null ? best : soonest;
    }
}
