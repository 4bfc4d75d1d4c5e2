package io.samsa.client.consumer.internals;

import io.samsa.client.common.Node;
import io.samsa.client.errors.CoordinatorNotAvailableException;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.RetriableException;
import io.samsa.client.internals.metadata.CoordinatorLookup;
import io.samsa.client.internals.metadata.CoordinatorType;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.util.Time;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator of one consumer: found through FindCoordinator, forgotten when a response
 * or the session says it moved, and the target of every group request.
 *
 * <p>Thread-safe: the heartbeat thread reads and clears the node; only the application thread
 * starts lookups ({@link #ensureReady}).
 */
public final class GroupCoordinatorLink {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinatorLink.class);

    private final NetworkClient network;
    private final CoordinatorLookup lookup;
    private final String groupId;
    private final long retryBackoffMs;
    private volatile Node coordinator;
    private CompletableFuture<Node> pendingLookup;

    public GroupCoordinatorLink(NetworkClient network, CoordinatorLookup lookup, String groupId, long retryBackoffMs) {
        this.network = network;
        this.lookup = lookup;
        this.groupId = groupId;
        this.retryBackoffMs = retryBackoffMs;
    }

    public Node coordinator() {
        return coordinator;
    }

    public Time time() {
        return network.time();
    }

    /**
     * Finds the coordinator if unknown, retrying retriable failures until {@code deadlineMs}.
     *
     * @return whether it is known
     */
    public boolean ensureReady(long deadlineMs, WakeupTrigger trigger) {
        while (coordinator == null) {
            if (pendingLookup == null) {
                pendingLookup = lookup.find(CoordinatorType.GROUP, groupId);
            }
            long remainingMs = deadlineMs - time().milliseconds();
            if (!trigger.await(pendingLookup, remainingMs)) {
                return false;
            }
            CompletableFuture<Node> done = pendingLookup;
            pendingLookup = null;
            try {
                coordinator = WakeupTrigger.valueOf(done);
                LOG.debug("group {} coordinator is {}", groupId, coordinator);
            } catch (KafkaException e) {
                if (!(e instanceof RetriableException)) {
                    throw e;
                }
                LOG.debug("coordinator lookup for group {} failed: {}", groupId, e.toString());
                trigger.await(null, Math.min(retryBackoffMs, deadlineMs - time().milliseconds()));
            }
            if (coordinator == null && time().milliseconds() >= deadlineMs) {
                return false;
            }
        }
        return true;
    }

    /**
     * The coordinator, looked up without blocking when unknown (for async commits), retrying
     * retriable lookup failures after retry.backoff.ms until {@code deadlineMs}.
     */
    public CompletableFuture<Node> findAsync(long deadlineMs) {
        CompletableFuture<Node> result = new CompletableFuture<>();
        attemptFind(deadlineMs, result);
        return result;
    }

    private void attemptFind(long deadlineMs, CompletableFuture<Node> result) {
        Node current = coordinator;
        if (current != null) {
            result.complete(current);
            return;
        }
        lookup.find(CoordinatorType.GROUP, groupId).whenComplete((node, error) -> {
            if (error == null) {
                coordinator = node;
                result.complete(node);
                return;
            }
            Throwable cause = WakeupTrigger.unwrap(error);
            if (cause instanceof RetriableException && time().milliseconds() + retryBackoffMs < deadlineMs) {
                network.schedule(() -> attemptFind(deadlineMs, result), retryBackoffMs);
            } else {
                result.completeExceptionally(cause);
            }
        });
    }

    /** Forgets the coordinator (it moved, or a request to it failed). */
    public void markUnknown(String reason) {
        Node current = coordinator;
        if (current != null) {
            LOG.info("group {}: forgetting coordinator {}: {}", groupId, current, reason);
            coordinator = null;
            lookup.invalidate(CoordinatorType.GROUP, groupId);
        }
    }

    /** Sends to the coordinator; fails with a retriable error when none is known. */
    public <R extends ApiMessage> CompletableFuture<R> send(ClientRequest request, Class<R> responseType, long timeoutMs) {
        Node node = coordinator;
        if (node == null) {
            return CompletableFuture.failedFuture(new CoordinatorNotAvailableException("coordinator of group " + groupId + " unknown"));
        }
        return network.send(node, request, timeoutMs).thenApply(responseType::cast)
            .whenComplete((r, e) -> {
                Throwable cause = e == null ? null : WakeupTrigger.unwrap(e);
                if (cause instanceof io.samsa.client.errors.NetworkException || cause instanceof io.samsa.client.errors.TimeoutException) {
                    markUnknown("request failed: " + WakeupTrigger.unwrap(e));
                }
            });
    }
}
