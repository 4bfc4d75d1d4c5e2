package io.samsa.client.config;

/**
 * Checks a parsed config value; throws {@link io.samsa.client.errors.ConfigException} naming the key
 * when it is not acceptable. {@link #toString()} describes the accepted values for docs.
 * Implementations must be stateless (thread-safe): one table serves every client.
 */
@FunctionalInterface
public interface Validator {
    /**
     * @param name  the config key, for the error message
     * @param value the parsed value (may be null when the key has a null default)
     */
    void ensureValid(String name, Object value);
}
