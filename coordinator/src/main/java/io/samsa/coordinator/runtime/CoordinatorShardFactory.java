package io.samsa.coordinator.runtime;

/** Creates an empty shard for a partition about to be loaded. Called on the partition's event thread. */
@FunctionalInterface
public interface CoordinatorShardFactory<S extends ReplayableShard<?>> {
    S create(CoordinatorShardContext context);
}
