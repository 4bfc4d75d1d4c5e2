package io.samsa.client.errors;

/**
 * A retriable error meaning the client's cluster metadata is stale and should be refreshed before retrying.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidMetadataException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public InvalidMetadataException(String message) {
        super(message);
    }

    public InvalidMetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
