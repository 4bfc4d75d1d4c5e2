package io.samsa.storage;

import io.samsa.protocol.ErrorCode;

/**
 * An append the partition's producer state refuses (a transaction marker from a fenced producer
 * epoch or coordinator epoch), with the error code Kafka answers. Nothing was written.
 */
public final class ProducerStateException extends RuntimeException {
    private final transient ErrorCode error;

    public ProducerStateException(ErrorCode error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }
}
