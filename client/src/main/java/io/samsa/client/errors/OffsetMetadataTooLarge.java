package io.samsa.client.errors;

/**
 * The metadata string of an offset commit is too large.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#OFFSET_METADATA_TOO_LARGE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class OffsetMetadataTooLarge extends ApiException {
    private static final long serialVersionUID = 1L;

    public OffsetMetadataTooLarge(String message) {
        super(message);
    }

    public OffsetMetadataTooLarge(String message, Throwable cause) {
        super(message, cause);
    }
}
