package io.samsa.broker.data.produce;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.samsa.protocol.util.Time;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.ProducerStateManager;

/**
 * The producer state of the partitions produced to (or described) since start-up. The state
 * itself is the log's ({@link PartitionLog#producerState()}: kept by every append, leader or
 * follower, and loaded at open from the last producer-state snapshot plus the tail after it); this
 * table remembers which partitions the broker has used, so {@link #expireIdle} can drop producers
 * idle for {@code producer.id.expiration.ms}, and drops idle ones the first time a partition is used.
 *
 * <p>Keyed by log instance with weak keys: a deleted partition's entry goes with its log. Thread-safe.
 */
public final class ProducerStateTable {
    private final Cache<PartitionLog, ProducerStateManager> states = Caffeine.newBuilder().weakKeys().build();
    private final Time time;
    private final long expirationMs;

    /** @param expirationMs producer.id.expiration.ms */
    public ProducerStateTable(Time time, long expirationMs) {
        this.time = time;
        this.expirationMs = expirationMs;
    }

    /** @return the partition's producer state */
    public ProducerStateManager of(PartitionLog log) {
        return states.get(log, this::firstUse);
    }

    /** Forgets a partition (after a role change); its state stays the log's. */
    public void invalidate(PartitionLog log) {
        states.invalidate(log);
    }

    /**
     * Drops, in every partition used, the producers idle for the expiration time.
     *
     * @return how many producer entries were dropped
     */
    public int expireIdle() {
        long nowMs = time.milliseconds();
        int expired = 0;
        for (ProducerStateManager state : states.asMap().values()) {
            expired += state.expire(nowMs, expirationMs);
        }
        return expired;
    }

    private ProducerStateManager firstUse(PartitionLog log) {
        ProducerStateManager state = log.producerState();
        state.expire(time.milliseconds(), expirationMs);
        return state;
    }
}
