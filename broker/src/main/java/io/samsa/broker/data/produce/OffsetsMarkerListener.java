package io.samsa.broker.data.produce;

import io.samsa.protocol.ErrorCode;
import java.util.concurrent.CompletableFuture;

/**
 * Told when a transaction marker was appended to a {@code __consumer_offsets} partition: the group
 * coordinator commits or drops the producer's pending transactional offsets there. The marker is
 * answered only once the returned future completes with NONE, so a failure makes the transaction
 * coordinator send it again. Thread-safe implementations only.
 */
@FunctionalInterface
public interface OffsetsMarkerListener {

    /** Nothing listens: the marker needs nothing more. */
    OffsetsMarkerListener NONE = (partition, producerId, commit) -> CompletableFuture.completedFuture(ErrorCode.NONE);

    /** @param partition the {@code __consumer_offsets} partition */
    CompletableFuture<ErrorCode> onMarker(int partition, long producerId, boolean commit);
}
