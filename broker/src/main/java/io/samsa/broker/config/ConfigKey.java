package io.samsa.broker.config;

import java.util.Objects;

/**
 * One configuration key: its name, type, default, validator and documentation, declared together in
 * one place (see {@link BrokerConfigKeys}). A {@code null} default means the key is optional and
 * has no value unless set.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name         the key as written in server.properties, e.g. {@code num.partitions}
 * @param type         how the text form is parsed
 * @param defaultValue the default, or null for an optional key without one
 * @param validator    checks every value, the default included
 * @param doc          one or two sentences for operators
 * @param <T>          the value type
 */
public record ConfigKey<T>(String name, ConfigType<T> type, T defaultValue, Validator<? super T> validator, String doc) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(doc, "doc");
    }

    /** @return whether the key has a default value */
    public boolean hasDefault() {
        return defaultValue != null;
    }

    /**
     * Parses and validates a text value.
     *
     * @throws ConfigException naming this key when the text is not of the type or fails validation
     */
    public T parse(String text) {
        T value;
        try {
            value = type.parse(text);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalidValue(name, text, "not a valid " + type.name()
                    + (e.getMessage() != null && !(e instanceof NumberFormatException) ? " (" + e.getMessage() + ")" : ""));
        }
        validate(value);
        return value;
    }

    /** @throws ConfigException naming this key when {@code value} fails validation */
    public void validate(T value) {
        String reason = validator.check(value);
        if (reason != null) {
            throw ConfigException.invalidValue(name, type.print(value), reason);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
