package io.samsa.broker.admin;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.metadata.quorum.MetadataQuorumException;
import io.samsa.metadata.rpc.ControllerRpc;
import io.samsa.protocol.ErrorCode;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the cluster-mode admin handlers need of the metadata quorum: forwarding an operation to
 * the active controller, the error a client gets when that fails, and waiting (bounded, without
 * blocking a thread) until this node's image shows the outcome, so the client's next Metadata
 * here sees it. Futures complete on the quorum's threads. Thread-safe.
 */
public final class ControllerChannel implements MetadataListener {
    private final Supplier<MetadataQuorum> quorum;
    private final long imageWaitMs;
    private final ConcurrentLinkedQueue<ImageWait> waits = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean listening = new AtomicBoolean();

    /**
     * @param quorum      this node's metadata quorum, running once the broker serves requests
     * @param imageWaitMs how long an answer waits at most for this node's image to catch up
     */
    public ControllerChannel(Supplier<MetadataQuorum> quorum, long imageWaitMs) {
        this.quorum = quorum;
        this.imageWaitMs = imageWaitMs;
    }

    /** @return the quorum (for the image and status) */
    public MetadataQuorum quorum() {
        return quorum.get();
    }

    /** Runs {@code rpc} on the active controller, sent again after NOT_CONTROLLER until {@code timeoutMs}. */
    public <T> CompletableFuture<T> forward(ControllerRpc<T> rpc, long timeoutMs) {
        return quorum.get().forward(rpc, Math.max(1, timeoutMs));
    }

    /**
     * @return the error a client gets for a failed forward: the quorum's NOT_CONTROLLER (retriable:
     *         the Admin client asks again) or REQUEST_TIMED_OUT, anything else UNKNOWN_SERVER_ERROR
     */
    public static ApiError clientError(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof MetadataQuorumException quorumError) {
            return quorumError.error();
        }
        return ApiError.of(ErrorCode.UNKNOWN_SERVER_ERROR, String.valueOf(cause));
    }

    /**
     * @return a future completed once this node's image satisfies {@code condition}, or when the
     *         wait bound has passed (never exceptionally)
     */
    public CompletableFuture<Void> awaitImage(Predicate<MetadataImage> condition) {
        MetadataQuorum q = quorum.get();
        if (listening.compareAndSet(false, true)) {
            q.addListener(this);
        }
        ImageWait wait = new ImageWait(condition, new CompletableFuture<>());
        waits.add(wait);
        if (condition.test(q.currentImage())) {
            wait.done().complete(null);
        }
        wait.done().completeOnTimeout(null, imageWaitMs, TimeUnit.MILLISECONDS)
                .whenComplete((ignored, error) -> waits.remove(wait));
        return wait.done();
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage image) {
        for (Iterator<ImageWait> it = waits.iterator(); it.hasNext(); ) {
            ImageWait wait = it.next();
            if (wait.condition().test(image)) {
                it.remove();
                wait.done().complete(null);
            }
        }
    }

    private record ImageWait(Predicate<MetadataImage> condition, CompletableFuture<Void> done) {
    }
}
