package io.samsa.client.config;

import io.samsa.client.errors.ConfigException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A declarative table of configs: each {@link #define} names a key with its type, default, validator
 * and doc; {@link #parse} turns user-supplied raw values into typed values, filling in defaults and
 * validating each one. Keys not defined here are not an error (other libraries and Kafka options we
 * do not implement travel in the same map); {@link AbstractConfig} logs them.
 *
 * <p>Not thread-safe while being built; build it once in a static initializer and only read it after.
 */
public final class ConfigDef {
    /** Marks a required key. */
    public static final Object NO_DEFAULT = new Object() {
        @Override
        public String toString() {
            return "<required>";
        }
    };

    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

    /** Declares a key; the default is parsed and validated now, so a bad table fails at class load. */
    public ConfigDef define(String name, ConfigType type, Object defaultValue, Validator validator, String doc) {
        if (keys.containsKey(name)) {
            throw new IllegalArgumentException("Config " + name + " is defined twice");
        }
        Object parsedDefault = defaultValue;
        if (defaultValue != NO_DEFAULT) {
            parsedDefault = type.parse(name, defaultValue);
            if (validator != null) {
                validator.ensureValid(name, parsedDefault);
            }
        }
        keys.put(name, new ConfigKey(name, type, parsedDefault, validator, doc));
        return this;
    }

    /** Declares a key without a validator. */
    public ConfigDef define(String name, ConfigType type, Object defaultValue, String doc) {
        return define(name, type, defaultValue, null, doc);
    }

    /** Copies every key of {@code other} into this table. */
    public ConfigDef include(ConfigDef other) {
        other.keys.values().forEach(k -> keys.put(k.name(), k));
        return this;
    }

    /** The declared keys, in declaration order. */
    public Map<String, ConfigKey> configKeys() {
        return Collections.unmodifiableMap(keys);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /** Every key's parsed default (required keys omitted). */
    public Map<String, Object> defaultValues() {
        Map<String, Object> defaults = new HashMap<>();
        keys.values().stream().filter(k -> !k.required()).forEach(k -> defaults.put(k.name(), k.defaultValue()));
        return defaults;
    }

    /**
     * Parses and validates the user's values; absent keys get their defaults.
     *
     * @throws ConfigException naming the key when a required key is missing or a value is invalid
     */
    public Map<String, Object> parse(Map<String, ?> raw) {
        Map<String, Object> values = new HashMap<>();
        for (ConfigKey key : keys.values()) {
            Object value;
            if (raw.containsKey(key.name())) {
                value = key.type().parse(key.name(), raw.get(key.name()));
            } else if (key.required()) {
                throw new ConfigException("Missing required configuration \"" + key.name() + "\" which has no default value.");
            } else {
                value = key.defaultValue();
            }
            if (key.validator() != null) {
                key.validator().ensureValid(key.name(), value);
            }
            values.put(key.name(), value);
        }
        return values;
    }
}
