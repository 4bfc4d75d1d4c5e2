package io.samsa.client.errors;

/**
 * A key or value could not be serialized or deserialized.
 *
 * <p>Immutable; safe to share between threads.
 */
public class SerializationException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }

    public SerializationException(Throwable cause) {
        super(cause);
    }
}
