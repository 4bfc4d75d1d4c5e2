package io.samsa.coordinator.runtime;

/**
 * The state machine of one partition of a coordinator's internal topic, replaying records of type
 * {@code R}. Operations read it and return records ({@link CoordinatorWriteOperation});
 * {@link #replay} is the only method that changes its durable state, both for fresh writes and
 * when the partition is loaded from the log.
 *
 * <p>Not thread-safe by design: the runtime calls it from the partition's one event thread (or,
 * while the partition is loading, from the loading thread, with a happens-before edge to the event
 * thread when loading ends).
 *
 * @param <R> the record type, which the runtime's {@link CoordinatorRecordCodec} reads and writes
 */
public interface ReplayableShard<R> {

    /**
     * Applies one record. Must be deterministic and must accept any record the log may hold,
     * including tombstones for unknown keys (compaction may have dropped the record they delete).
     * Changes must go through timeline structures of the shard's snapshot registry, so they can be
     * reverted.
     */
    void replay(R record);

    /** Called on the event thread once loading finished; schedules the timers the state implies. */
    default void onLoaded(long nowMs) {
    }

    /** Called on the event thread when the partition is given up; answer or drop parked requests. */
    default void onUnloaded() {
    }
}
