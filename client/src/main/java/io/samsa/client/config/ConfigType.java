package io.samsa.client.config;

import io.samsa.client.errors.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The value types a client config can have, each with the same parsing rules as Kafka's
 * {@code ConfigDef.Type}: a value may be given as the Java type itself or as a string (as in a
 * properties file); strings are trimmed; a list is a comma-separated string or a {@link List}.
 *
 * <p>Stateless; thread-safe.
 */
public enum ConfigType {
    BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD;

    /**
     * Parses a raw value into this type.
     *
     * @param name  the key, for the error message
     * @param value the raw value (String, boxed number, Boolean, List or Class); null stays null
     * @throws ConfigException naming the key when the value has the wrong type or does not parse
     */
    public Object parse(String name, Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof String ? ((String) value).trim() : null;
        try {
            switch (this) {
                case BOOLEAN:
                    return parseBoolean(name, value, text);
                case STRING:
                case PASSWORD:
                    return expectText(name, value, text, "Expected value to be a string");
                case INT:
                    return value instanceof Integer ? value : Integer.valueOf(expectText(name, value, text, "Expected value to be a 32-bit integer"));
                case SHORT:
                    return value instanceof Short ? value : Short.valueOf(expectText(name, value, text, "Expected value to be a 16-bit integer"));
                case LONG:
                    if (value instanceof Integer) {
                        return ((Integer) value).longValue();
                    }
                    return value instanceof Long ? value : Long.valueOf(expectText(name, value, text, "Expected value to be a 64-bit integer"));
                case DOUBLE:
                    if (value instanceof Number && !(value instanceof Double)) {
                        return ((Number) value).doubleValue();
                    }
                    return value instanceof Double ? value : Double.valueOf(expectText(name, value, text, "Expected value to be a double"));
                case LIST:
                    return parseList(name, value, text);
                case CLASS:
                    return parseClass(name, value, text);
                default:
                    throw new IllegalStateException("Unknown type " + this);
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(name, value, "Not a number of type " + this);
        }
    }

    /** The value as Kafka writes it in docs and logs (lists comma-joined, classes by name). */
    public static String toText(Object parsed) {
        if (parsed instanceof Class) {
            return ((Class<?>) parsed).getName();
        }
        if (parsed instanceof List) {
            return String.join(",", ((List<?>) parsed).stream().map(ConfigType::toText).toArray(String[]::new));
        }
        return String.valueOf(parsed);
    }

    private static String expectText(String name, Object value, String text, String message) {
        if (text == null) {
            throw new ConfigException(name, value, message);
        }
        return text;
    }

    private static Boolean parseBoolean(String name, Object value, String text) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        String lower = expectText(name, value, text, "Expected value to be either true or false").toLowerCase(Locale.ROOT);
        if (lower.equals("true")) {
            return true;
        }
        if (lower.equals("false")) {
            return false;
        }
        throw new ConfigException(name, value, "Expected value to be either true or false");
    }

    private static List<?> parseList(String name, Object value, String text) {
        if (value instanceof List) {
            return Collections.unmodifiableList(new ArrayList<>((List<?>) value));
        }
        String raw = expectText(name, value, text, "Expected a comma separated list.");
        if (raw.isEmpty()) {
            return Collections.emptyList();
        }
        return Collections.unmodifiableList(Arrays.asList(raw.split("\\s*,\\s*", -1)));
    }

    private static Class<?> parseClass(String name, Object value, String text) {
        if (value instanceof Class) {
            return (Class<?>) value;
        }
        String className = expectText(name, value, text, "Expected a Class instance or class name.");
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return Class.forName(className, true, loader == null ? ConfigType.class.getClassLoader() : loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException(name, value, "Class " + className + " cannot be found");
        }
    }
}
