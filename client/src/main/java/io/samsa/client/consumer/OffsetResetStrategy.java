package io.samsa.client.consumer;

import io.samsa.client.config.Validator;
import io.samsa.client.errors.ConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What the consumer does when a partition has no valid committed position
 * ({@code auto.offset.reset}): start at the latest or earliest offset, fail, or (Kafka 4's
 * {@code by_duration:<ISO-8601 duration>}) start at the first record newer than now minus the duration.
 *
 * <p>Stateless; thread-safe.
 */
public enum OffsetResetStrategy {
    LATEST, EARLIEST, NONE, BY_DURATION;

    private static final String BY_DURATION_PREFIX = "by_duration:";

    /** The strategy a config value names. */
    public static OffsetResetStrategy forConfig(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith(BY_DURATION_PREFIX)) {
            return BY_DURATION;
        }
        return valueOf(lower.toUpperCase(Locale.ROOT));
    }

    /**
     * The look-back of a {@code by_duration:} value.
     *
     * @throws ConfigException when the value is not a non-negative ISO-8601 duration
     */
    public static Duration duration(String value) {
        String trimmed = value.trim();
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith(BY_DURATION_PREFIX)) {
            throw new ConfigException("auto.offset.reset", value, "not a by_duration value");
        }
        try {
            Duration d = Duration.parse(trimmed.substring(BY_DURATION_PREFIX.length()));
            if (d.isNegative()) {
                throw new ConfigException("auto.offset.reset", value, "Negative duration is not supported.");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new ConfigException("auto.offset.reset", value, "Unable to parse the specified duration.");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Validator validator() {
        return new Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
                if (text.startsWith(BY_DURATION_PREFIX)) {
                    duration(text);
                } else if (!text.equals("latest") && !text.equals("earliest") && !text.equals("none")) {
                    throw new ConfigException(name, value, "Invalid value `" + value + "` for configuration " + name
                        + ". The value must be either 'earliest', 'latest', 'none' or of the format 'by_duration:<PnDTnHnMn.nS.>'.");
                }
            }

            @Override
            public String toString() {
                return "[latest, earliest, none, by_duration:PnDTnHnMn.nS]";
            }
        };
    }
}
