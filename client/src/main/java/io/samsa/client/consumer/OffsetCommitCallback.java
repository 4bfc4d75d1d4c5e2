package io.samsa.client.consumer;

import io.samsa.client.common.TopicPartition;
import java.util.Map;

/**
 * Called when an asynchronous commit completes, on the thread that calls {@code poll} (or
 * {@code commitSync}/{@code close}) next.
 */
@FunctionalInterface
public interface OffsetCommitCallback {
    /**
     * @param offsets   the offsets that were to be committed
     * @param exception null on success; otherwise why the commit failed (for example
     *                  {@link io.samsa.client.errors.CommitFailedException} after a rebalance)
     */
    void onComplete(Map<TopicPartition, OffsetAndMetadata> offsets, Exception exception);
}
