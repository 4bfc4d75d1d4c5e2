package io.samsa.client.errors;

/**
 * A record batch is larger than the broker's segment size.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#RECORD_LIST_TOO_LARGE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class RecordBatchTooLargeException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public RecordBatchTooLargeException(String message) {
        super(message);
    }

    public RecordBatchTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
