package io.samsa.client.internals.metadata;

import io.samsa.client.common.Node;
import io.samsa.client.errors.Errors;
import io.samsa.client.errors.UnsupportedVersionException;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.client.internals.network.NodeApiVersions;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.FindCoordinatorRequest;
import io.samsa.protocol.message.FindCoordinatorResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds and caches coordinators (group or transaction) by key.
 *
 * <p>FindCoordinator v4+ takes many keys in one request; v0-3 one key per request. A lookup first
 * tries a batched request (v4 and up); when the broker supports only v0-3 the same keys go out one
 * request each. Found coordinators are cached until {@link #invalidate} or an error that says the
 * coordinator moved ({@link #onError}: NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE).
 *
 * <p>Errors per key complete that key's future with the mapped exception (COORDINATOR_NOT_AVAILABLE
 * is retriable); callers retry within their own deadline.
 *
 * <p>Thread-safe.
 */
public final class CoordinatorLookup {
    static final int FIRST_BATCHED_VERSION = 4;

    private record Key(CoordinatorType type, String key) {
    }

    private final NetworkClient network;
    private final ClusterMetadata metadata;
    private final Map<Key, Node> cache = new ConcurrentHashMap<>();

    public CoordinatorLookup(NetworkClient network, ClusterMetadata metadata) {
        this.network = network;
        this.metadata = metadata;
    }

    /** The coordinator of one key, from the cache or a lookup. */
    public CompletableFuture<Node> find(CoordinatorType type, String key) {
        return findAll(type, List.of(key)).get(key);
    }

    /** The coordinators of several keys; cached ones complete at once, the rest share one lookup. */
    public Map<String, CompletableFuture<Node>> findAll(CoordinatorType type, Collection<String> keys) {
        Map<String, CompletableFuture<Node>> result = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : new LinkedHashSet<>(keys)) {
            Node cached = cache.get(new Key(type, key));
            if (cached != null) {
                result.put(key, CompletableFuture.completedFuture(cached));
            } else {
                result.put(key, new CompletableFuture<>());
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            lookupBatched(type, missing, result);
        }
        return result;
    }

    /** The cached coordinator, if any. */
    public Node cached(CoordinatorType type, String key) {
        return cache.get(new Key(type, key));
    }

    public void invalidate(CoordinatorType type, String key) {
        cache.remove(new Key(type, key));
    }

    /** Forgets the coordinator of {@code key} when {@code error} says it moved or is unavailable. */
    public void onError(CoordinatorType type, String key, ErrorCode error) {
        if (error == ErrorCode.NOT_COORDINATOR || error == ErrorCode.COORDINATOR_NOT_AVAILABLE) {
            invalidate(type, key);
        }
    }

    private void lookupBatched(CoordinatorType type, List<String> keys, Map<String, CompletableFuture<Node>> result) {
        ClientRequest request = ClientRequest.build(ApiMessageType.FIND_COORDINATOR, FIRST_BATCHED_VERSION,
            NodeApiVersions.clientMaxVersion(ApiMessageType.FIND_COORDINATOR),
            v -> new FindCoordinatorRequest().setKeyType(type.id()).setCoordinatorKeys(keys));
        network.send(metadata.leastLoadedNode(network.time().milliseconds()), request, FindCoordinatorResponse.class)
            .whenComplete((response, error) -> {
                Throwable cause = unwrap(error);
                if (cause instanceof UnsupportedVersionException) {
                    for (String key : keys) {
                        lookupSingle(type, key, result.get(key));
                    }
                } else if (cause != null) {
                    keys.forEach(key -> result.get(key).completeExceptionally(cause));
                } else {
                    for (FindCoordinatorResponse.Coordinator c : response.coordinators()) {
                        CompletableFuture<Node> future = result.get(c.key());
                        if (future != null) {
                            complete(type, c.key(), ErrorCode.forCode(c.errorCode()), c.errorMessage(),
                                c.nodeId(), c.host(), c.port(), future);
                        }
                    }
                    keys.forEach(key -> result.get(key).completeExceptionally(
                        new io.samsa.client.errors.KafkaException("FindCoordinator response omitted key " + key)));
                }
            });
    }

    private void lookupSingle(CoordinatorType type, String key, CompletableFuture<Node> future) {
        ClientRequest request = ClientRequest.build(ApiMessageType.FIND_COORDINATOR, 0, FIRST_BATCHED_VERSION - 1, v -> {
            FindCoordinatorRequest body = new FindCoordinatorRequest().setKey(key);
            if (v >= 1) {
                body.setKeyType(type.id());
            } else if (type != CoordinatorType.GROUP) {
                throw new UnsupportedVersionException("FindCoordinator v0 cannot look up a " + type + " coordinator");
            }
            return body;
        });
        network.send(metadata.leastLoadedNode(network.time().milliseconds()), request, FindCoordinatorResponse.class)
            .whenComplete((response, error) -> {
                if (error != null) {
                    future.completeExceptionally(unwrap(error));
                } else {
                    complete(type, key, ErrorCode.forCode(response.errorCode()), response.errorMessage(),
                        response.nodeId(), response.host(), response.port(), future);
                }
            });
    }

    private void complete(CoordinatorType type, String key, ErrorCode error, String message, int nodeId, String host,
                          int port, CompletableFuture<Node> future) {
        if (error != ErrorCode.NONE) {
            future.completeExceptionally(Errors.toException(error, message));
            return;
        }
        Node node = new Node(nodeId, host, port);
        cache.put(new Key(type, key), node);
        future.complete(node);
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
