package io.samsa.storage;

/** A configuration value is missing, unknown or out of range; the message names the key. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, Object value, String problem) {
        super("Invalid value " + value + " for configuration " + key + ": " + problem);
        this.key = key;
    }

    /** The configuration key that was rejected. */
    public String key() {
        return key;
    }
}
