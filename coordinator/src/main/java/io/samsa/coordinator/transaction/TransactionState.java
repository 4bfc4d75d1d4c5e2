package io.samsa.coordinator.transaction;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of one transactional id, as Kafka's transaction coordinator has them, with the byte
 * Kafka writes for each in {@code TransactionLogValue.transactionStatus} and the name
 * DescribeTransactions and ListTransactions report.
 *
 * <pre>
 *              AddPartitions           EndTxn(commit)              markers written
 *   Empty ───────────────► Ongoing ─────────────────► PrepareCommit ─────────────► CompleteCommit
 *     ▲                     │  │ EndTxn(abort), timeout,              markers written
 *     │ InitProducerId      │  └───────────────────────► PrepareAbort ─────────────► CompleteAbort
 *     └── Complete* ◄───────┘ (AddPartitions after Complete* starts the next transaction)
 *   PrepareEpochFence: an Ongoing transaction whose producer is being fenced (InitProducerId by a
 *   new incarnation, or a timeout) on its way to PrepareAbort with the bumped epoch.
 *   Dead: a transactional id expired after transactional.id.expiration.ms; only a tombstone follows.
 * </pre>
 *
 * <p>Immutable; thread-safe.
 */
public enum TransactionState {
    EMPTY((byte) 0, "Empty"),
    ONGOING((byte) 1, "Ongoing"),
    PREPARE_COMMIT((byte) 2, "PrepareCommit"),
    PREPARE_ABORT((byte) 3, "PrepareAbort"),
    COMPLETE_COMMIT((byte) 4, "CompleteCommit"),
    COMPLETE_ABORT((byte) 5, "CompleteAbort"),
    DEAD((byte) 6, "Dead"),
    PREPARE_EPOCH_FENCE((byte) 7, "PrepareEpochFence");

    private final byte id;
    private final String displayName;

    TransactionState(byte id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** @return Kafka's byte for the state in the transaction log */
    public byte id() {
        return id;
    }

    /** @return the name Kafka's admin APIs use, e.g. {@code "PrepareCommit"} */
    public String displayName() {
        return displayName;
    }

    /** @return the state of Kafka's byte {@code id} */
    public static TransactionState forId(byte id) {
        for (TransactionState state : values()) {
            if (state.id == id) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown transaction state " + id);
    }

    /** @return the state named {@code displayName}, or null (ListTransactions reports unknown filters) */
    public static TransactionState forDisplayName(String displayName) {
        for (TransactionState state : values()) {
            if (state.displayName.equals(displayName)) {
                return state;
            }
        }
        return null;
    }

    /** @return whether markers are being written: the transaction's outcome is decided, not done */
    public boolean isPrepare() {
        return this == PREPARE_COMMIT || this == PREPARE_ABORT;
    }

    /** @return whether no transaction is open: a new one may start, the producer may be re-initialised */
    public boolean isIdle() {
        return this == EMPTY || this == COMPLETE_COMMIT || this == COMPLETE_ABORT;
    }

    /** @return the states Kafka allows a move into this one from */
    public Set<TransactionState> validPrevious() {
        return switch (this) {
            case EMPTY -> EnumSet.of(EMPTY, COMPLETE_COMMIT, COMPLETE_ABORT);
            case ONGOING -> EnumSet.of(ONGOING, EMPTY, COMPLETE_COMMIT, COMPLETE_ABORT);
            case PREPARE_COMMIT -> EnumSet.of(ONGOING);
            case PREPARE_ABORT -> EnumSet.of(ONGOING, PREPARE_EPOCH_FENCE, EMPTY, COMPLETE_COMMIT, COMPLETE_ABORT);
            case COMPLETE_COMMIT -> EnumSet.of(PREPARE_COMMIT);
            case COMPLETE_ABORT -> EnumSet.of(PREPARE_ABORT);
            case DEAD -> EnumSet.of(EMPTY, COMPLETE_COMMIT, COMPLETE_ABORT);
            case PREPARE_EPOCH_FENCE -> EnumSet.of(ONGOING);
        };
    }
}
