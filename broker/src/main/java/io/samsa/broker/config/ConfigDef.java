package io.samsa.broker.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of declared configuration keys, and the parser that turns text properties into typed,
 * validated values. Declare keys once with {@link #define}; parse with {@link #parse}.
 *
 * <p>Keys are declared from static initialisers and then only read: after declaration the
 * definition is effectively immutable and safe to share between threads.
 */
public final class ConfigDef {
    private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();

    /**
     * Declares a key.
     *
     * @throws IllegalArgumentException when the name is already declared or the default is invalid
     */
    public <T> ConfigKey<T> define(String name, ConfigType<T> type, T defaultValue, Validator<? super T> validator, String doc) {
        ConfigKey<T> key = new ConfigKey<>(name, type, defaultValue, validator, doc);
        if (keys.putIfAbsent(name, key) != null) {
            throw new IllegalArgumentException("configuration key declared twice: " + name);
        }
        if (defaultValue != null) {
            key.validate(defaultValue);
        }
        return key;
    }

    /** Declares a key without a default: it has no value unless set. */
    public <T> ConfigKey<T> defineOptional(String name, ConfigType<T> type, Validator<? super T> validator, String doc) {
        return define(name, type, null, validator, doc);
    }

    /** @return every declared key in declaration order */
    public List<ConfigKey<?>> keys() {
        return List.copyOf(keys.values());
    }

    /** @return the key named {@code name}, or null when it is not declared */
    public ConfigKey<?> key(String name) {
        return keys.get(name);
    }

    /**
     * Parses text properties against the declared keys. Every declared key with a default gets a
     * value; undeclared names are collected, not rejected.
     *
     * @param raw text values by key name; values are trimmed
     * @throws ConfigException naming the first (in declaration order) key whose value is invalid
     */
    public Parsed parse(Map<String, String> raw) {
        Map<ConfigKey<?>, Object> values = new HashMap<>();
        Set<ConfigKey<?>> explicit = new LinkedHashSet<>();
        for (ConfigKey<?> key : keys.values()) {
            String text = raw.get(key.name());
            if (text != null) {
                values.put(key, key.parse(text));
                explicit.add(key);
            } else if (key.hasDefault()) {
                values.put(key, key.defaultValue());
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String name : raw.keySet()) {
            if (!keys.containsKey(name)) {
                unknown.add(name);
            }
        }
        Collections.sort(unknown);
        return new Parsed(Collections.unmodifiableMap(values), Collections.unmodifiableSet(explicit), List.copyOf(unknown));
    }

    /**
     * Renders every key with a default as a documented properties file: the content of the
     * embedded {@code samsa-default.properties}. Optional keys appear commented out.
     */
    public String toPropertiesText(String title) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append('\n');
        out.append("# Generated from the key declarations; a test checks that the two agree.\n");
        for (ConfigKey<?> key : keys.values()) {
            out.append('\n');
            out.append("# ").append(key.doc()).append(" (").append(key.type().name()).append(")\n");
            if (key.hasDefault()) {
                out.append(key.name()).append('=').append(printDefault(key)).append('\n');
            } else {
                out.append("#").append(key.name()).append("=\n");
            }
        }
        return out.toString();
    }

    private static <T> String printDefault(ConfigKey<T> key) {
        return key.type().print(key.defaultValue());
    }

    /**
     * The outcome of {@link #parse}: typed values, which keys were set explicitly, and the names
     * that matched no key. Immutable.
     */
    public record Parsed(Map<ConfigKey<?>, Object> values, Set<ConfigKey<?>> explicitlySet, List<String> unknownKeys) {

        /** @return the value of {@code key}, or null for an optional key that is not set */
        @SuppressWarnings("unchecked")
        public <T> T get(ConfigKey<T> key) {
            return (T) values.get(key);
        }
    }
}
