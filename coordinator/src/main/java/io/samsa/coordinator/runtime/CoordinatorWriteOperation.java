package io.samsa.coordinator.runtime;

/**
 * An operation that may change state: it reads the shard and returns the records that express the
 * change plus the response. It must not change the shard itself; the runtime replays the records.
 * Runs on the partition's event thread.
 */
@FunctionalInterface
public interface CoordinatorWriteOperation<S extends ReplayableShard<?>, T> {

    /** @param nowMs the time of this event, wall-clock ms, read once by the runtime */
    CoordinatorResult<T> generate(S shard, long nowMs);
}
