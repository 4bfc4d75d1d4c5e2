package io.samsa.broker.interbroker;

/**
 * A request to a peer broker got no answer: the peer has no known address, the connection could
 * not be opened or was lost, or the answer did not come within {@code request.timeout.ms}. The
 * caller retries (after looking the destination up again); nothing says the peer did not act on it.
 */
public final class PeerUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PeerUnreachableException(String message) {
        super(message);
    }
}
