package io.samsa.broker.security;

/** Constants of the {@code *_authorized_operations} response fields. */
public final class AuthorizedOperations {
    /** Kafka's value when the request did not ask for authorized operations. */
    public static final int NOT_REQUESTED = Integer.MIN_VALUE;

    private AuthorizedOperations() {
    }
}
