package io.samsa.broker.config;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Checks a parsed configuration value. Returns {@code null} when the value is valid, otherwise the
 * reason it is not (the caller adds the key and value to the message).
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface Validator<T> {

    /** @return null when valid, otherwise a short reason such as "must be at least 1" */
    String check(T value);

    /** Accepts everything. */
    static <T> Validator<T> any() {
        return v -> null;
    }

    /** @return a validator accepting numbers {@code >= min} */
    static <N extends Number & Comparable<N>> Validator<N> atLeast(N min) {
        return v -> v.compareTo(min) >= 0 ? null : "must be at least " + min;
    }

    /** @return a validator accepting numbers in {@code [min, max]} */
    static <N extends Number & Comparable<N>> Validator<N> between(N min, N max) {
        return v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0 ? null : "must be between " + min + " and " + max;
    }

    /** @return a validator accepting exactly one of {@code allowed} */
    static Validator<String> oneOf(String... allowed) {
        Set<String> set = Set.of(allowed);
        return v -> set.contains(v) ? null : "must be one of " + List.of(allowed);
    }

    /** @return a validator accepting lists whose every entry is one of {@code allowed} */
    static Validator<List<String>> eachOneOf(String... allowed) {
        Set<String> set = Set.of(allowed);
        return v -> set.containsAll(v) ? null : "each entry must be one of " + List.of(allowed);
    }

    /** @return a validator accepting non-empty strings or collections */
    static <T> Validator<T> nonEmpty() {
        return v -> {
            boolean empty = v instanceof String s ? s.isEmpty() : v instanceof Collection<?> c && c.isEmpty();
            return empty ? "must not be empty" : null;
        };
    }
}
