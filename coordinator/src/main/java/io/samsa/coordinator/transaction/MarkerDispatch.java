package io.samsa.coordinator.transaction;

/**
 * Where a shard hands a transaction whose outcome is durable (PrepareCommit or PrepareAbort) to
 * have its markers written. The service implements it: it sends the markers and, once every
 * partition has one, writes the Complete state back through the runtime. Called on the
 * partition's event thread; must not block.
 */
@FunctionalInterface
public interface MarkerDispatch {

    /**
     * @param coordinatorPartition the {@code __transaction_state} partition of the transaction
     * @param prepared             the metadata in PrepareCommit or PrepareAbort, as written
     */
    void dispatch(int coordinatorPartition, TransactionMetadata prepared);
}
