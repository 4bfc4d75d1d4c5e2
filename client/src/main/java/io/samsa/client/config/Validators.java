package io.samsa.client.config;

import io.samsa.client.errors.ConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The validators client configs use: numeric ranges, enumerated strings (exact or case-insensitive)
 * and non-empty strings. Messages follow Kafka's wording.
 *
 * <p>Every validator is immutable and thread-safe.
 */
public final class Validators {
    private Validators() {
    }

    /** A number at least {@code min}; null passes (for keys whose default is null). */
    public static Validator atLeast(Number min) {
        return between(min, null);
    }

    /** A number within {@code [min, max]} (either bound may be null for unbounded). */
    public static Validator between(Number min, Number max) {
        return new Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null) {
                    return;
                }
                double n = ((Number) value).doubleValue();
                if (min != null && n < min.doubleValue()) {
                    throw new ConfigException(name, value, "Value must be at least " + min);
                }
                if (max != null && n > max.doubleValue()) {
                    throw new ConfigException(name, value, "Value must be no more than " + max);
                }
            }

            @Override
            public String toString() {
                return "[" + (min == null ? "..." : min) + ",..." + (max == null ? "" : "," + max) + "]";
            }
        };
    }

    /** A string equal to one of {@code allowed}. */
    public static Validator in(String... allowed) {
        List<String> values = Arrays.asList(allowed);
        return new Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (!values.contains(value)) {
                    throw new ConfigException(name, value, "String must be one of: " + String.join(", ", values));
                }
            }

            @Override
            public String toString() {
                return values.toString();
            }
        };
    }

    /** A string equal, ignoring case, to one of {@code allowed}. */
    public static Validator inIgnoringCase(String... allowed) {
        List<String> values = Arrays.asList(allowed);
        return new Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String upper = value == null ? null : value.toString().toUpperCase(Locale.ROOT);
                if (values.stream().noneMatch(v -> v.toUpperCase(Locale.ROOT).equals(upper))) {
                    throw new ConfigException(name, value, "String must be one of (case insensitive): " + String.join(", ", values));
                }
            }

            @Override
            public String toString() {
                return "(case insensitive) " + values;
            }
        };
    }

    /** Null, or a string that is not empty after trimming. */
    public static Validator nonEmptyStringOrNull() {
        return new Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null && value.toString().trim().isEmpty()) {
                    throw new ConfigException(name, value, "String may not be empty");
                }
            }

            @Override
            public String toString() {
                return "non-empty string";
            }
        };
    }

    /** A list none of whose entries is empty. */
    public static Validator nonEmptyListEntries() {
        return new Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                for (Object entry : (List<?>) value) {
                    if (entry == null || entry.toString().trim().isEmpty()) {
                        throw new ConfigException(name, value, "List entries may not be empty");
                    }
                }
            }

            @Override
            public String toString() {
                return "non-empty entries";
            }
        };
    }
}
