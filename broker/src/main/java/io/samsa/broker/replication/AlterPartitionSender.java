package io.samsa.broker.replication;

import io.samsa.storage.TopicPartition;
import java.util.concurrent.CompletableFuture;

/**
 * The way out to the controller for a leader's ISR changes (Kafka's AlterPartition). An ISR
 * change takes effect only once the returned future completes with NONE; until then the leader
 * computes its high watermark over the larger of the old and the asked-for ISR.
 *
 * <p>Implementations must not block the caller (it may be a request thread) and may complete the
 * future on any thread.
 */
@FunctionalInterface
public interface AlterPartitionSender {

    /** A sender for a broker without a controller: every change is refused with NOT_CONTROLLER. */
    AlterPartitionSender NONE = (partition, change) ->
            CompletableFuture.completedFuture(IsrChangeResult.failed(io.samsa.protocol.ErrorCode.NOT_CONTROLLER));

    /** @return the controller's eventual answer */
    CompletableFuture<IsrChangeResult> alterPartition(TopicPartition partition, IsrChange change);
}
