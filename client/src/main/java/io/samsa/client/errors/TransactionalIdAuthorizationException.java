package io.samsa.client.errors;

/**
 * The principal may not use the producer's transactional id; fatal for a transactional producer.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#TRANSACTIONAL_ID_AUTHORIZATION_FAILED}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class TransactionalIdAuthorizationException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    public TransactionalIdAuthorizationException(String message) {
        super(message);
    }
}
