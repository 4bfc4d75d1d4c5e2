package io.samsa.client.errors;

/**
 * The record's transaction was aborted before the record was sent; the record was never written.
 * Completes the futures of batches that {@code abortTransaction()} dropped. No broker error code.
 *
 * <p>Immutable; safe to share between threads.
 */
public class TransactionAbortedException extends ApiException {
    private static final long serialVersionUID = 1L;

    public TransactionAbortedException() {
        super("Failing batch since transaction was aborted");
    }

    public TransactionAbortedException(String message) {
        super(message);
    }
}
