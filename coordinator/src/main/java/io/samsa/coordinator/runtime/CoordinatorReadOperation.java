package io.samsa.coordinator.runtime;

/**
 * An operation that only reads the shard. Runs on the partition's event thread; its answer is
 * released once every write that was in flight when it ran is durable.
 */
@FunctionalInterface
public interface CoordinatorReadOperation<S extends ReplayableShard<?>, T> {

    /** @param nowMs the time of this event, wall-clock ms */
    T read(S shard, long nowMs);
}
