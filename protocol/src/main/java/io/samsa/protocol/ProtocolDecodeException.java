package io.samsa.protocol;

/**
 * The one exception a decoder raises for malformed input: a length past the end of the buffer or
 * over a configured maximum, an illegal value, a truncated structure. Anything else escaping a
 * decoder (IndexOutOfBounds, OutOfMemoryError, ...) is a bug.
 *
 * <p>The broker answers it with the API's error response where one is defined (CORRUPT_MESSAGE,
 * INVALID_REQUEST) and otherwise closes the connection.
 */
public class ProtocolDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolDecodeException(String message) {
        super(message);
    }

    public ProtocolDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
