package io.samsa.broker.api;

/**
 * A handler's way to say "the client got this wrong and the connection must close" (for example
 * a failed acks=0 produce, which has no response to carry the error). The dispatcher closes the
 * connection and logs one WARN line with this message, rate-limited and without a stack trace:
 * a client's mistake is not a broker failure. Any other exception from a handler is a Samsa bug
 * and is logged with its stack trace.
 */
public final class ClientErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClientErrorException(String message) {
        super(message, null, false, false);
    }
}
