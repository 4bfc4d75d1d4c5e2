package io.samsa.client.errors;

/**
 * The compression type is not supported for this request.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#UNSUPPORTED_COMPRESSION_TYPE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class UnsupportedCompressionTypeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedCompressionTypeException(String message) {
        super(message);
    }

    public UnsupportedCompressionTypeException(String message, Throwable cause) {
        super(message, cause);
    }
}
