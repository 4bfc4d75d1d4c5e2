package io.samsa.broker.data.produce;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.samsa.storage.PartitionLog;

/**
 * The idempotent-producer state of every partition, built from the partition's log the first time
 * the partition is produced to (or described) after start-up: every batch from the log start
 * offset is read back, so state survives a restart.
 *
 * <p>Keyed by log instance with weak keys: a deleted partition's state goes with its log, and a
 * topic re-created under the same name starts fresh. Thread-safe.
 */
public final class ProducerStateTable {
    private final Cache<PartitionLog, PartitionProducerState> states = Caffeine.newBuilder().weakKeys().build();

    /** @return the partition's producer state, rebuilt from its log when first asked for */
    public PartitionProducerState of(PartitionLog log) {
        return states.get(log, ProducerStateTable::rebuild);
    }

    private static PartitionProducerState rebuild(PartitionLog log) {
        PartitionProducerState state = new PartitionProducerState();
        state.load(log.batchesFrom(log.logStartOffset()));
        return state;
    }
}
