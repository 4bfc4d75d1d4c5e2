package io.samsa.metadata.controller;

import io.samsa.metadata.image.MetadataImage;

/**
 * One controller operation, as the quorum runs it on the active controller's thread: given the
 * controller, the image (committed plus this controller's uncommitted records) and the time, it
 * returns records and a response. It must not block and must not keep the image.
 *
 * @param <T> the response type
 */
@FunctionalInterface
public interface ControllerOperation<T> {
    ControllerResult<T> run(MetadataController controller, MetadataImage image, long nowMs);
}
