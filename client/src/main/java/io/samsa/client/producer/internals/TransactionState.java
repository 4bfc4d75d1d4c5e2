package io.samsa.client.producer.internals;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a transactional producer, as kafka-clients' {@code TransactionManager} has them,
 * and which moves between them are legal:
 *
 * <pre>
 *   UNINITIALIZED -> INITIALIZING -> READY -> IN_TRANSACTION -> COMMITTING_TRANSACTION -> READY
 *                                      ^            |   \
 *                                      |            |    -> ABORTING_TRANSACTION -> READY
 *                                      |            v           ^
 *                                      |       ABORTABLE_ERROR -+
 *                                      +-- (INITIALIZING again for the KIP-360 epoch bump after an abort)
 *   any state -> FATAL_ERROR (terminal)
 * </pre>
 *
 * <p>Immutable.
 */
public enum TransactionState {
    UNINITIALIZED,
    INITIALIZING,
    READY,
    IN_TRANSACTION,
    COMMITTING_TRANSACTION,
    ABORTING_TRANSACTION,
    ABORTABLE_ERROR,
    FATAL_ERROR;

    /** Whether the producer may move from this state to {@code target}. */
    public boolean canTransitionTo(TransactionState target) {
        return switch (target) {
            case UNINITIALIZED -> false;
            case INITIALIZING -> this == UNINITIALIZED || this == ABORTING_TRANSACTION;
            case READY -> this == INITIALIZING || this == COMMITTING_TRANSACTION || this == ABORTING_TRANSACTION;
            case IN_TRANSACTION -> this == READY;
            case COMMITTING_TRANSACTION -> this == IN_TRANSACTION;
            case ABORTING_TRANSACTION -> this == IN_TRANSACTION || this == ABORTABLE_ERROR;
            case ABORTABLE_ERROR -> ABORTABLE_FROM.contains(this);
            case FATAL_ERROR -> true;
        };
    }

    private static final Set<TransactionState> ABORTABLE_FROM =
        EnumSet.of(IN_TRANSACTION, COMMITTING_TRANSACTION, ABORTABLE_ERROR);
}
