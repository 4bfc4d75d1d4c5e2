package io.samsa.coordinator.transaction;

import io.samsa.coordinator.runtime.CoordinatorShardContext;
import io.samsa.coordinator.runtime.CoordinatorTimer;
import io.samsa.coordinator.runtime.ReplayableShard;

/**
 * The transaction coordinator's state for one {@code __transaction_state} partition: the
 * transactional ids that hash to it ({@link TransactionStore}), changed only by {@link #replay}.
 * The per-API handlers read it and return {@link TransactionRecord}s.
 *
 * <p>On load it finishes what an earlier coordinator decided: every transaction found in
 * PrepareCommit or PrepareAbort has its markers sent again (writing a marker twice is harmless:
 * the second ends nothing), and the periodic timeout and expiry checks start.
 *
 * <p>Not thread-safe: owned by the partition's event thread.
 */
public final class TransactionCoordinatorShard implements ReplayableShard<TransactionRecord> {
    private final int partition;
    private final TransactionCoordinatorConfig config;
    private final CoordinatorTimer timer;
    private final TransactionStore store;
    private final MarkerDispatch markers;

    public TransactionCoordinatorShard(CoordinatorShardContext context, TransactionCoordinatorConfig config, MarkerDispatch markers) {
        this.partition = context.partition();
        this.config = config;
        this.timer = context.timer();
        this.store = new TransactionStore(context.snapshotRegistry());
        this.markers = markers;
    }

    @Override
    public void replay(TransactionRecord record) {
        store.replay(record);
    }

    @Override
    public void onLoaded(long nowMs) {
        for (TransactionMetadata metadata : store.all()) {
            if (metadata.state().isPrepare()) {
                markers.dispatch(partition, metadata);
            }
        }
        new TransactionTimeouts(this).schedule();
    }

    public int partition() {
        return partition;
    }

    public TransactionCoordinatorConfig config() {
        return config;
    }

    public CoordinatorTimer timer() {
        return timer;
    }

    public TransactionStore store() {
        return store;
    }

    /** Sends the markers of a transaction whose Prepare state is now durable. */
    void dispatchMarkers(TransactionMetadata prepared) {
        markers.dispatch(partition, prepared);
    }
}
