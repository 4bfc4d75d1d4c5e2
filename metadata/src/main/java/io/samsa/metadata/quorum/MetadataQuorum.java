package io.samsa.metadata.quorum;

import io.samsa.metadata.controller.ControllerOperation;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import io.samsa.metadata.rpc.ControllerRpc;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster metadata quorum as the broker sees it: the committed image, listeners told of each
 * new one, and controller operations that run on the active controller and complete once their
 * records are committed. Thread-safe.
 */
public interface MetadataQuorum extends AutoCloseable {
    /**
     * Starts the node (joins the quorum); returns without waiting for a leader, once the image holds
     * everything this node's own log had committed (its latest snapshot plus the log tail after it).
     */
    void start() throws java.io.IOException;

    /** @return the latest committed image (EMPTY before any entry is applied) */
    MetadataImage currentImage();

    /** Adds a listener, told of every image applied from now on (on the applying thread). */
    void addListener(MetadataListener listener);

    /**
     * Runs {@code operation} on the active controller and completes with its response once its
     * records are committed and applied here; completes at once when it writes nothing. Fails with
     * {@link MetadataQuorumException} (NOT_CONTROLLER on a node that is not the active controller,
     * REQUEST_TIMED_OUT when no commit comes within {@code controller.quorum.request.timeout.ms}).
     */
    <T> CompletableFuture<T> submit(ControllerOperation<T> operation);

    /**
     * Runs a forwardable operation on the active controller from any node (this one included),
     * sending it again after NOT_CONTROLLER or a lost connection until {@code timeoutMs} has passed.
     * Fails with {@link MetadataQuorumException} (NOT_CONTROLLER when no controller answered in
     * time, REQUEST_TIMED_OUT when its commit did not come: outcome unknown).
     */
    <T> CompletableFuture<T> forward(ControllerRpc<T> rpc, long timeoutMs);

    /** @return the Raft leader's node id, -1 if none is known */
    int leaderId();

    /** @return what DescribeQuorum shows */
    QuorumStatus status();

    /** @return the cluster id this node runs with */
    String clusterId();

    /** Stops the node: fails operations in flight, closes the Ratis server. */
    @Override
    void close();
}
