package io.samsa.broker.data.produce;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.samsa.protocol.util.Time;
import io.samsa.storage.PartitionLog;

/**
 * The idempotent-producer state of every partition, built from the partition's log the first time
 * the partition is produced to (or described) after start-up: every batch from the log start
 * offset is read back, so state survives a restart. Producers idle for
 * {@code producer.id.expiration.ms} are dropped when loaded and by {@link #expireIdle}.
 *
 * <p>Keyed by log instance with weak keys: a deleted partition's state goes with its log, and a
 * topic re-created under the same name starts fresh. Thread-safe.
 */
public final class ProducerStateTable {
    private final Cache<PartitionLog, PartitionProducerState> states = Caffeine.newBuilder().weakKeys().build();
    private final Time time;
    private final long expirationMs;

    /** @param expirationMs producer.id.expiration.ms */
    public ProducerStateTable(Time time, long expirationMs) {
        this.time = time;
        this.expirationMs = expirationMs;
    }

    /** @return the partition's producer state, rebuilt from its log when first asked for */
    public PartitionProducerState of(PartitionLog log) {
        return states.get(log, this::rebuild);
    }

    /** Forgets a partition's state; the next use rebuilds it from the log (after a role change or truncation). */
    public void invalidate(PartitionLog log) {
        states.invalidate(log);
    }

    /**
     * Drops, in every partition, the producers idle for the expiration time.
     *
     * @return how many producer entries were dropped
     */
    public int expireIdle() {
        long nowMs = time.milliseconds();
        int expired = 0;
        for (PartitionProducerState state : states.asMap().values()) {
            expired += state.expire(nowMs, expirationMs);
        }
        return expired;
    }

    private PartitionProducerState rebuild(PartitionLog log) {
        PartitionProducerState state = new PartitionProducerState();
        state.load(log.batchesFrom(log.logStartOffset()));
        state.expire(time.milliseconds(), expirationMs);
        return state;
    }
}
