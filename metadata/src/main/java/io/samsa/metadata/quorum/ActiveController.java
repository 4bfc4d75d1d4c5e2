package io.samsa.metadata.quorum;

import io.samsa.metadata.controller.ControllerOperation;
import io.samsa.metadata.controller.ControllerResult;
import io.samsa.metadata.controller.MetadataController;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.proto.MetadataRecordBatch;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.util.Time;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs controller operations when this node is the Raft leader, on one thread.
 *
 * <pre>
 *  submit(op) ──► controller thread: op.run(controller, speculative image, nowMs)
 *                   │ records? no ──► complete with the response
 *                   ▼ yes
 *                 batch(base_version = speculative.version, records) ──► Raft log (append)
 *                 speculative = speculative + records    (the next op sees them at once)
 *                   │
 *   commit + apply ─┴─► APPLIED  ──► complete with the response
 *                       REJECTED / not leader / timeout ──► fail; speculative dropped, rebuilt
 *                                                           from the committed image when no
 *                                                           write is in flight
 * </pre>
 *
 * <p>The speculative image is the committed image plus this controller's records not committed
 * yet. It is taken from the committed image when Ratis says the node is leader and ready (all
 * earlier entries applied). Because every batch names the version it was computed against and
 * replay drops a batch whose base is not the current version, a deposed leader's batch, or one
 * that commits after its write timed out, can never apply on top of a state it did not see.
 *
 * <p>The fence timer runs here too: every {@code controller.fence.check.interval.ms} the active
 * controller fences brokers whose session expired on its clock.
 *
 * <p>Thread-safety: all state is confined to the controller thread; the public methods only hand
 * work to it.
 */
final class ActiveController implements LeadershipListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveController.class);

    /** Appends a batch to the Raft log; completes true when applied, false when replay dropped it. */
    interface LogWriter {
        CompletableFuture<Boolean> append(MetadataRecordBatch batch);
    }

    private final int nodeId;
    private final String clusterId;
    private final MetadataController controller;
    private final Supplier<MetadataImage> committed;
    private final LogWriter writer;
    private final Time time;
    private final long requestTimeoutMs;
    private final int maxEntryBytes;
    private final ScheduledExecutorService thread;
    private final java.util.Set<CompletableFuture<?>> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile int knownLeaderId = -1;
    private final long lostLeaderSilenceMs;
    // confined to the controller thread: the last other node this one followed (-1: none yet)
    private int lastFollowedLeaderId = -1;
    private volatile boolean isActive;
    // confined to the controller thread:
    private long activeTerm = -1;
    private MetadataImage speculative;
    private int inFlight;

    ActiveController(int nodeId, String clusterId, MetadataController controller, Supplier<MetadataImage> committed,
                     LogWriter writer, Time time, long requestTimeoutMs, long fenceCheckIntervalMs, int maxEntryBytes,
                     long lostLeaderSilenceMs) {
        this.nodeId = nodeId;
        this.lostLeaderSilenceMs = lostLeaderSilenceMs;
        this.clusterId = clusterId;
        this.controller = controller;
        this.committed = committed;
        this.writer = writer;
        this.time = time;
        this.requestTimeoutMs = requestTimeoutMs;
        this.maxEntryBytes = maxEntryBytes;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "samsa-controller-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::checkSessions, fenceCheckIntervalMs, fenceCheckIntervalMs,
                TimeUnit.MILLISECONDS);
    }

    /** @return whether this node acts as the active controller (it leads and has taken the committed image) */
    boolean isActive() {
        return isActive;
    }

    /** @return the leader this node last heard of (itself while active), -1 if none */
    int knownLeaderId() {
        return knownLeaderId;
    }

    @Override
    public void onLeaderReady(long term) {
        execute(() -> {
            activeTerm = term;
            knownLeaderId = nodeId;
            isActive = true;
            speculative = inFlight == 0 ? committed.get() : null;
            LOG.info("node {} is the active controller for term {}", nodeId, term);
            int lostLeader = lastFollowedLeaderId;
            run((c, image, nowMs) -> c.activate(image, clusterId, nowMs, lostLeader, lostLeaderSilenceMs),
                    new CompletableFuture<>());
        });
    }

    @Override
    public void onNotLeader(int leaderId) {
        execute(() -> {
            if (activeTerm >= 0) {
                LOG.info("node {} is no longer the active controller (leader {})", nodeId, leaderId);
            }
            activeTerm = -1;
            isActive = false;
            speculative = null;
            knownLeaderId = leaderId;
            if (leaderId >= 0 && leaderId != nodeId) {
                lastFollowedLeaderId = leaderId;
            }
        });
    }

    <T> CompletableFuture<T> submit(ControllerOperation<T> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pending.add(result);
        result.whenComplete((response, error) -> pending.remove(result));
        if (!execute(() -> run(operation, result))) {
            result.completeExceptionally(MetadataQuorumException.notController(nodeId, -1));
        }
        return result;
    }

    private void checkSessions() {
        if (activeTerm >= 0) {
            run(MetadataController::fenceExpiredBrokers, new CompletableFuture<>());
        }
    }

    private <T> void run(ControllerOperation<T> operation, CompletableFuture<T> result) {
        if (activeTerm < 0) {
            result.completeExceptionally(MetadataQuorumException.notController(nodeId, knownLeaderId));
            return;
        }
        if (inFlight == 0) {
            // nothing of ours is uncommitted: the committed image is the truth, with current offsets
            speculative = committed.get();
        } else if (speculative == null) {
            // a write failed while others are in flight: wait until they settle, then resync
            result.completeExceptionally(new MetadataQuorumException(ErrorCode.NOT_CONTROLLER,
                    "node " + nodeId + " is resynchronizing with the metadata log; retry", nodeId));
            return;
        }
        ControllerResult<T> outcome;
        MetadataImage next;
        try {
            outcome = operation.run(controller, speculative, time.milliseconds());
            next = withRecords(speculative, outcome);
        } catch (RuntimeException e) {
            LOG.error("controller operation failed on node {}", nodeId, e);
            result.completeExceptionally(new MetadataQuorumException(ErrorCode.UNKNOWN_SERVER_ERROR,
                    String.valueOf(e.getMessage()), nodeId));
            return;
        }
        if (outcome.records().isEmpty()) {
            result.complete(outcome.response());
            return;
        }
        MetadataRecordBatch batch = MetadataRecordBatch.newBuilder().setBaseVersion(speculative.version())
                .addAllRecords(outcome.records()).build();
        if (batch.getSerializedSize() > maxEntryBytes) {
            result.completeExceptionally(new MetadataQuorumException(ErrorCode.INVALID_REQUEST, "the operation would "
                    + "write " + batch.getSerializedSize() + " bytes of metadata in one batch, above "
                    + QuorumConfig.MAX_ENTRY_BYTES + "=" + maxEntryBytes, nodeId));
            return;
        }
        speculative = next;
        inFlight++;
        long term = activeTerm;
        writer.append(batch).orTimeout(requestTimeoutMs, TimeUnit.MILLISECONDS)
                .whenComplete((applied, error) -> {
                    if (!execute(() -> settle(term, outcome.response(), applied, error, result))) {
                        result.completeExceptionally(closing());
                    }
                });
    }

    private static MetadataImage withRecords(MetadataImage image, ControllerResult<?> outcome) {
        if (outcome.records().isEmpty()) {
            return image;
        }
        MetadataDelta delta = image.newDelta();
        outcome.records().forEach(delta::replay);
        return delta.apply(image.offset(), 1);
    }

    private <T> void settle(long term, T response, Boolean applied, Throwable error, CompletableFuture<T> result) {
        inFlight--;
        if (error == null && Boolean.TRUE.equals(applied)) {
            result.complete(response);
            return;
        }
        if (term == activeTerm) {
            speculative = null; // what we assumed may not be the truth: rebuild from the committed image
        }
        result.completeExceptionally(failure(error));
    }

    private MetadataQuorumException failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            return new MetadataQuorumException(ErrorCode.NOT_CONTROLLER, "the batch was computed against a state "
                    + "that is no longer current (the controller changed); retry", knownLeaderId);
        }
        if (cause instanceof MetadataQuorumException quorumError) {
            return quorumError;
        }
        if (cause instanceof TimeoutException) {
            return new MetadataQuorumException(ErrorCode.REQUEST_TIMED_OUT, "the metadata quorum did not commit the "
                    + "operation within " + QuorumConfig.REQUEST_TIMEOUT_MS + "=" + requestTimeoutMs
                    + " ms (is a majority of the voters reachable?)", knownLeaderId);
        }
        return new MetadataQuorumException(ErrorCode.NOT_CONTROLLER, "the metadata log refused the write: " + cause,
                knownLeaderId);
    }

    private boolean execute(Runnable task) {
        try {
            thread.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    private MetadataQuorumException closing() {
        return new MetadataQuorumException(ErrorCode.NOT_CONTROLLER, "node " + nodeId + " is shutting down", -1);
    }

    /** Stops the controller thread and fails every operation not answered yet. */
    @Override
    public void close() {
        thread.shutdownNow();
        for (CompletableFuture<?> future : pending) {
            future.completeExceptionally(closing());
        }
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
