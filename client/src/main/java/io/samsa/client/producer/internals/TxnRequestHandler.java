package io.samsa.client.producer.internals;

import io.samsa.client.errors.Errors;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.ProducerFencedException;
import io.samsa.client.internals.metadata.CoordinatorType;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.ApiMessage;

/**
 * One transactional request (InitProducerId, AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit,
 * EndTxn) waiting in the {@link TransactionManager}'s queue: which coordinator it goes to, how its
 * body is built, and what its answer means. The error policy shared by all of them is
 * {@link #onError}: coordinator moves and loads are retried after a new lookup or a backoff,
 * fencing is fatal ({@link ProducerFencedException}), authorization of the transactional id is
 * fatal, and errors scoped to the current transaction are abortable where the API allows it.
 *
 * <p>Not thread-safe: used under the manager's lock.
 */
abstract class TxnRequestHandler {
    /** Backoff after CONCURRENT_TRANSACTIONS: the coordinator is finishing the previous transaction's markers. */
    static final long CONCURRENT_TRANSACTIONS_BACKOFF_MS = 20;

    protected final TransactionManager manager;
    protected final TransactionalRequestResult result;
    /** Not sent before this time (manager's clock, compared by subtraction). */
    long notBeforeMs;
    boolean delayed;

    TxnRequestHandler(TransactionManager manager, TransactionalRequestResult result) {
        this.manager = manager;
        this.result = result;
    }

    /** The API, for logs. */
    abstract String name();

    /** The request body for the negotiated version. */
    abstract ClientRequest request();

    /** Handles a response of this handler's API (never an error future: see {@link TransactionManager}). */
    abstract void onResponse(ApiMessage response);

    CoordinatorType coordinatorType() {
        return CoordinatorType.TRANSACTION;
    }

    String coordinatorKey() {
        return manager.transactionalId();
    }

    boolean isEndTxn() {
        return false;
    }

    /** Whether the request may still go out while the transaction is in an abortable error. */
    boolean allowedInAbortableError() {
        return false;
    }

    /** Whether an abortable error code of the response makes the transaction abortable (otherwise fatal). */
    boolean errorsMayBeAbortable() {
        return true;
    }

    /**
     * The shared error policy for one error code of a response.
     *
     * @param code not NONE
     */
    final void onError(ErrorCode code, String message) {
        switch (code) {
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> manager.retry(this, manager.retryBackoffMs(), true);
            case COORDINATOR_LOAD_IN_PROGRESS, UNKNOWN_TOPIC_OR_PARTITION, REQUEST_TIMED_OUT, NOT_ENOUGH_REPLICAS ->
                manager.retry(this, manager.retryBackoffMs(), false);
            case CONCURRENT_TRANSACTIONS -> manager.retry(this, Math.min(CONCURRENT_TRANSACTIONS_BACKOFF_MS,
                manager.retryBackoffMs()), false);
            case PRODUCER_FENCED, INVALID_PRODUCER_EPOCH -> manager.fatal(new ProducerFencedException(
                "There is a newer producer with the same transactionalId which fences the current one (" + name()
                    + " answered " + code + ")"));
            case TOPIC_AUTHORIZATION_FAILED, GROUP_AUTHORIZATION_FAILED, TRANSACTION_ABORTABLE, UNKNOWN_PRODUCER_ID,
                 INVALID_PRODUCER_ID_MAPPING, UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, FENCED_INSTANCE_ID -> {
                KafkaException error = Errors.toException(code, message);
                if (errorsMayBeAbortable()) {
                    manager.abortable(this, error);
                } else {
                    manager.fatal(error);
                }
            }
            default -> {
                if (code.retriable()) {
                    manager.retry(this, manager.retryBackoffMs(), false);
                } else {
                    manager.fatal(Errors.toException(code, message));
                }
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
