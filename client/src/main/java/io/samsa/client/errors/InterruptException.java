package io.samsa.client.errors;

/**
 * A blocking client call was interrupted. Like Kafka's, constructing it re-asserts the calling
 * thread's interrupt flag, so the interruption is not lost when it is converted to an unchecked
 * exception.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InterruptException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public InterruptException(InterruptedException cause) {
        super(cause);
        Thread.currentThread().interrupt();
    }

    public InterruptException(String message, InterruptedException cause) {
        super(message, cause);
        Thread.currentThread().interrupt();
    }

    public InterruptException(String message) {
        super(message, new InterruptedException());
        Thread.currentThread().interrupt();
    }
}
