package io.samsa.broker.config;

/**
 * A configuration value that cannot be used. The message always names the key, so start-up can
 * stop with this one line and the operator knows what to fix.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** @return the configuration key at fault */
    public String key() {
        return key;
    }

    /** Builds the standard message: {@code Invalid value 'abc' for configuration key num.partitions: not an integer}. */
    public static ConfigException invalidValue(String key, Object value, String reason) {
        return new ConfigException(key, "Invalid value '" + value + "' for configuration key " + key + ": " + reason);
    }
}
