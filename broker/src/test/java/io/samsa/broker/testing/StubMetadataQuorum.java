package io.samsa.broker.testing;

import io.samsa.metadata.controller.ControllerOperation;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.metadata.quorum.QuorumStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A metadata quorum without Ratis, for tests of what the broker does with one: node 1 leads, the
 * image is what the test sets (and {@link #apply} tells the listeners), and each subclass decides
 * how forwarded controller operations answer. Local submits are not supported.
 */
public abstract class StubMetadataQuorum implements MetadataQuorum {
    private final List<MetadataListener> listeners = new CopyOnWriteArrayList<>();
    /** The image {@link #currentImage()} returns. */
    public volatile MetadataImage image = MetadataImage.EMPTY;

    /** Publishes {@code next} as the current image and tells every listener (with an empty delta). */
    public void apply(MetadataImage next) {
        apply(next.newDelta(), next);
    }

    /** Publishes {@code next} as the current image and tells every listener of {@code delta}. */
    public void apply(MetadataDelta delta, MetadataImage next) {
        image = next;
        listeners.forEach(listener -> listener.onMetadataUpdate(delta, next));
    }

    @Override
    public void start() {
    }

    @Override
    public MetadataImage currentImage() {
        return image;
    }

    @Override
    public void addListener(MetadataListener listener) {
        listeners.add(listener);
    }

    @Override
    public <T> java.util.concurrent.CompletableFuture<T> submit(ControllerOperation<T> operation) {
        throw new UnsupportedOperationException("a stub quorum runs no controller");
    }

    @Override
    public int leaderId() {
        return 1;
    }

    @Override
    public QuorumStatus status() {
        return new QuorumStatus(1, 1, 0, List.of());
    }

    @Override
    public String clusterId() {
        return "cluster";
    }

    @Override
    public void close() {
    }
}
