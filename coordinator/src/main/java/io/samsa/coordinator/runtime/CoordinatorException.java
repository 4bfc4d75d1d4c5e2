package io.samsa.coordinator.runtime;

import io.samsa.protocol.ErrorCode;

/**
 * A failure the coordinator reports to a caller as a Kafka error code: the partition is not ours,
 * it is still loading, or an append failed. Request-level outcomes (unknown member, illegal
 * generation, ...) are not exceptions: they travel inside the domain responses.
 */
public final class CoordinatorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode error;

    public CoordinatorException(ErrorCode error, String message) {
        super(error + ": " + message);
        this.error = error;
    }

    public CoordinatorException(ErrorCode error, String message, Throwable cause) {
        super(error + ": " + message, cause);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }

    /** @return the coordinator error behind {@code t}, or UNKNOWN_SERVER_ERROR when there is none */
    public static ErrorCode errorOf(Throwable t) {
        Throwable cursor = t;
        while (cursor != null) {
            if (cursor instanceof CoordinatorException ce) {
                return ce.error();
            }
            cursor = cursor.getCause();
        }
        return ErrorCode.UNKNOWN_SERVER_ERROR;
    }
}
