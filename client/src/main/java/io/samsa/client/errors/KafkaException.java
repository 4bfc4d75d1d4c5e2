package io.samsa.client.errors;

/**
 * The root of every exception the Samsa client throws, unchecked as in kafka-clients so user code
 * written against Kafka catches the same types.
 *
 * <p>Immutable; safe to share between threads.
 */
public class KafkaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KafkaException(String message) {
        super(message);
    }

    public KafkaException(String message, Throwable cause) {
        super(message, cause);
    }

    public KafkaException(Throwable cause) {
        super(cause);
    }
}
