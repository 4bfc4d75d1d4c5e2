package io.samsa.coordinator.runtime;

/**
 * Runs coordinator events, serially per {@code __consumer_offsets} partition: an event never runs
 * concurrently with, or before, an event submitted earlier for the same partition. Events of
 * different partitions may run in parallel. This gives each partition's state one owner thread at a
 * time, so the state machines need no locks.
 *
 * <p>Implementations: {@link ThreadPoolEventExecutor} for the broker, {@link ManualEventExecutor}
 * for tests that step events one by one. Implementations must be thread-safe.
 */
public interface CoordinatorEventExecutor extends AutoCloseable {

    /**
     * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}
     */
    void submit(int partition, Runnable event);

    /** Stops accepting events; events already queued still run (or can still be run). Idempotent. */
    @Override
    void close();
}
