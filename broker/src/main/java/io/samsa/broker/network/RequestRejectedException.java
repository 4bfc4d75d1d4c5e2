package io.samsa.broker.network;

/**
 * Why the dispatcher refused a request without calling a handler (unknown API key, unsupported
 * version, malformed header). The connection closes once the earlier responses are written.
 */
final class RequestRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RequestRejectedException(String message) {
        super(message, null, false, false);
    }
}
