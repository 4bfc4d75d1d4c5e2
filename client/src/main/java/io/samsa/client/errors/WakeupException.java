package io.samsa.client.errors;

/**
 * Thrown by a blocking consumer call after another thread called {@code wakeup()}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class WakeupException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public WakeupException() {
        super("The consumer was woken up by another thread.");
    }
}
