package io.samsa.client.errors;

/**
 * The broker hit a disk error.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#KAFKA_STORAGE_ERROR}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class KafkaStorageException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public KafkaStorageException(String message) {
        super(message);
    }

    public KafkaStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
