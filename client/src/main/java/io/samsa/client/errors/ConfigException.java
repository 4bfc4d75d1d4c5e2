package io.samsa.client.errors;

/**
 * A client configuration is invalid: a value of the wrong type or out of range, a missing required
 * key, or two settings that conflict. The message names the key, in the same words as Kafka's
 * ("Invalid value X for configuration K: reason").
 *
 * <p>Immutable; safe to share between threads.
 */
public class ConfigException extends KafkaException {
    private static final long serialVersionUID = 1L;

    private final String name;

    public ConfigException(String message) {
        super(message);
        this.name = null;
    }

    public ConfigException(String name, Object value) {
        this(name, value, null);
    }

    public ConfigException(String name, Object value, String message) {
        super("Invalid value " + value + " for configuration " + name + (message == null ? "" : ": " + message));
        this.name = name;
    }

    /** The offending configuration key, or null when the message covers several. */
    public String name() {
        return name;
    }
}
