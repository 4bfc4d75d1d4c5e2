package io.samsa.metadata.quorum;

import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners told of each new image; one failing listener does not stop the others. Thread-safe. */
final class ImageListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ImageListeners.class);
    private final List<MetadataListener> listeners = new CopyOnWriteArrayList<>();

    void add(MetadataListener listener) {
        listeners.add(listener);
    }

    void publish(MetadataImage next, MetadataDelta delta) {
        for (MetadataListener listener : listeners) {
            try {
                listener.onMetadataUpdate(delta, next);
            } catch (RuntimeException e) {
                LOG.error("metadata listener {} failed", listener, e);
            }
        }
    }
}
