package io.samsa.metadata.image;

/**
 * Told of every new committed metadata image, with the delta that made it from the previous one.
 * Called on the quorum's applying thread, in log order: an implementation must not block (hand
 * slow work to its own executor) and must not throw.
 */
@FunctionalInterface
public interface MetadataListener {
    /**
     * @param delta    what changed; {@code delta.base()} is the previous image
     * @param newImage the image now published
     */
    void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage);
}
