package io.samsa.metadata.quorum;

import io.samsa.metadata.controller.ControllerOperation;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster metadata quorum as the broker sees it: the committed image, listeners told of each
 * new one, and controller operations that run on the active controller and complete once their
 * records are committed. Thread-safe.
 */
public interface MetadataQuorum extends AutoCloseable {
    /** Starts the node (joins the quorum); returns without waiting for a leader. */
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
