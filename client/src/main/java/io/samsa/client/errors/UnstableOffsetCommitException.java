package io.samsa.client.errors;

/**
 * There are pending transactional offsets for the partition.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#UNSTABLE_OFFSET_COMMIT}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class UnstableOffsetCommitException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public UnstableOffsetCommitException(String message) {
        super(message);
    }

    public UnstableOffsetCommitException(String message, Throwable cause) {
        super(message, cause);
    }
}
