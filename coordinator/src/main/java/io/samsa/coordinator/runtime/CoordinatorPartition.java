package io.samsa.coordinator.runtime;

import io.samsa.coordinator.timeline.SnapshotRegistry;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One loaded incarnation of a coordinator partition inside the runtime: its shard,
 * snapshot registry, timer, lifecycle state and the bookkeeping of writes in flight. A reload makes
 * a new instance, so completions meant for an old incarnation are recognised by identity.
 *
 * <p>Write sequence numbers: each write with records gets the next number from {@code nextSequence}
 * (never reused, also the snapshot epoch); {@code inFlight} holds the numbers replayed but not yet
 * durable; {@code lastCommitted} is the newest durable one.
 *
 * <p>Not thread-safe: owned by the partition's event thread (the loader thread while LOADING).
 * {@code state} is volatile and {@code timerFireScheduled} atomic because the timer ticker reads them.
 */
final class CoordinatorPartition<S extends ReplayableShard<?>> {
    final int partition;
    /** The leader epoch it was loaded under ({@link CoordinatorRuntime#NO_EPOCH} without replication). */
    final int epoch;
    final S shard;
    final SnapshotRegistry registry;
    final ShardTimer timer;
    final DeferredEventQueue deferred = new DeferredEventQueue();
    final ArrayDeque<Long> inFlight = new ArrayDeque<>();
    final CompletableFuture<Void> loaded = new CompletableFuture<>();
    final AtomicBoolean timerFireScheduled = new AtomicBoolean();
    private volatile CoordinatorPartitionState state = CoordinatorPartitionState.LOADING;
    long nextSequence = 1;
    long lastCommitted;
    long skippedRecords;

    CoordinatorPartition(int partition, int epoch, S shard, SnapshotRegistry registry, ShardTimer timer) {
        this.partition = partition;
        this.epoch = epoch;
        this.shard = shard;
        this.registry = registry;
        this.timer = timer;
    }

    CoordinatorPartitionState state() {
        return state;
    }

    /** @throws IllegalStateException for a transition the state enum does not allow */
    void transitionTo(CoordinatorPartitionState target) {
        if (!target.canTransitionFrom(state)) {
            throw new IllegalStateException("partition " + partition + " cannot move from " + state + " to " + target);
        }
        state = target;
    }

    /** @return the newest write whose effects are in the state: in flight, else committed */
    long lastWritten() {
        Long newest = inFlight.peekLast();
        return newest == null ? lastCommitted : newest;
    }
}
