package io.samsa.coordinator.transaction;

/**
 * The abort the coordinator starts on its own, when a new incarnation initialises the id of an
 * open transaction or the transaction times out: the epoch is bumped (so the producer holding the
 * old one is fenced: its produce, AddPartitions and EndTxn get PRODUCER_FENCED or
 * INVALID_PRODUCER_EPOCH) unless it is exhausted, and the transaction goes to PrepareAbort through
 * Kafka's PrepareEpochFence. Stateless.
 */
final class Aborts {
    private Aborts() {
    }

    /** @return {@code ongoing} fenced and in PrepareAbort, ready to be written */
    static TransactionMetadata fenceAndAbort(TransactionMetadata ongoing, long nowMs) {
        TransactionMetadata fencing = ongoing.withState(TransactionState.PREPARE_EPOCH_FENCE, nowMs);
        if (!fencing.isEpochExhausted()) {
            fencing = fencing.withBumpedEpoch();
        }
        return fencing.withState(TransactionState.PREPARE_ABORT, nowMs);
    }
}
