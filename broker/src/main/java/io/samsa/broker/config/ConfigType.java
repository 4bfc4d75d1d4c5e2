package io.samsa.broker.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The type of a configuration value and how its text form (as written in {@code server.properties})
 * is parsed and printed. A parse failure is reported by the caller as a {@link ConfigException}
 * naming the key.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the Java type of parsed values
 */
public final class ConfigType<T> {
    public static final ConfigType<Integer> INT = new ConfigType<>("int", s -> Integer.valueOf(s.trim()), String::valueOf);
    public static final ConfigType<Long> LONG = new ConfigType<>("long", s -> Long.valueOf(s.trim()), String::valueOf);
    public static final ConfigType<Boolean> BOOLEAN = new ConfigType<>("boolean", ConfigType::parseBoolean, String::valueOf);
    public static final ConfigType<String> STRING = new ConfigType<>("string", String::trim, s -> s);
    /** Comma-separated, entries trimmed, empty entries dropped; an empty string is an empty list. */
    public static final ConfigType<List<String>> LIST = new ConfigType<>("list", ConfigType::parseList, l -> String.join(",", l));

    private final String name;
    private final Function<String, T> parser;
    private final Function<T, String> printer;

    private ConfigType(String name, Function<String, T> parser, Function<T, String> printer) {
        this.name = name;
        this.parser = parser;
        this.printer = printer;
    }

    /**
     * @return the parsed value
     * @throws IllegalArgumentException (including NumberFormatException) when the text is not of this type
     */
    public T parse(String text) {
        return parser.apply(text);
    }

    /** @return the text form that {@link #parse} turns back into {@code value} */
    public String print(T value) {
        return printer.apply(value);
    }

    /** @return the type's name, for error messages and docs ("int", "list", ...) */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    private static Boolean parseBoolean(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
            return Boolean.TRUE;
        }
        if (t.equals("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("expected true or false");
    }

    private static List<String> parseList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
