package io.samsa.broker.replication;

import io.samsa.storage.TopicPartition;

/**
 * Told when a replicated partition's high watermark, ISR or role changed, so parked produces and
 * fetches re-check. Called on whatever thread made the change; must not block.
 */
@FunctionalInterface
public interface PartitionChangeListener {

    void onChange(TopicPartition partition);
}
