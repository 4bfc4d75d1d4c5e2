package io.samsa.broker.group.configs;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.ConfigKey;
import io.samsa.broker.metadata.ConfigDataType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a group's complete set of overrides as Kafka 4.1's {@code GroupConfig.validate} does, and
 * in its order, with its messages (answered as INVALID_CONFIG): unknown names, then each value's
 * type and lower bound, then the broker bounds (e.g. {@code consumer.session.timeout.ms must be
 * less than or equal to group.consumer.max.session.timeout.ms}), then each session timeout against
 * its heartbeat interval. Keys without an override take the broker's defaults.
 *
 * <p>Stateless apart from the broker config; thread-safe.
 */
final class GroupConfigValidator {
    /** The order in which Kafka checks the broker bounds (each interval before its timeout). */
    private static final List<GroupConfigKey> BOUNDS_ORDER = List.of(GroupConfigKey.CONSUMER_HEARTBEAT_INTERVAL_MS,
            GroupConfigKey.CONSUMER_SESSION_TIMEOUT_MS, GroupConfigKey.SHARE_HEARTBEAT_INTERVAL_MS,
            GroupConfigKey.SHARE_SESSION_TIMEOUT_MS, GroupConfigKey.SHARE_RECORD_LOCK_DURATION_MS,
            GroupConfigKey.STREAMS_HEARTBEAT_INTERVAL_MS, GroupConfigKey.STREAMS_SESSION_TIMEOUT_MS,
            GroupConfigKey.STREAMS_NUM_STANDBY_REPLICAS);

    private final BrokerConfig broker;

    GroupConfigValidator(BrokerConfig broker) {
        this.broker = broker;
    }

    /** @return the first problem, in Kafka's wording, or empty when {@code overrides} is valid */
    Optional<String> validate(Map<String, String> overrides) {
        for (String name : overrides.keySet()) {
            if (GroupConfigKey.named(name).isEmpty()) {
                return Optional.of("Unknown group config name: " + name);
            }
        }
        Map<GroupConfigKey, Integer> ints = new EnumMap<>(GroupConfigKey.class);
        for (GroupConfigKey key : GroupConfigKey.values()) {
            String value = overrides.getOrDefault(key.configName(), key.defaultValue(broker));
            Optional<String> problem = key.type() == ConfigDataType.INT
                    ? parseInt(key, value, ints) : checkString(key, value);
            if (problem.isPresent()) {
                return problem;
            }
        }
        for (GroupConfigKey key : BOUNDS_ORDER) {
            Optional<String> problem = checkBrokerBounds(key, ints.get(key));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return checkTimeoutAboveInterval(ints, GroupConfigKey.CONSUMER_SESSION_TIMEOUT_MS, GroupConfigKey.CONSUMER_HEARTBEAT_INTERVAL_MS)
                .or(() -> checkTimeoutAboveInterval(ints, GroupConfigKey.SHARE_SESSION_TIMEOUT_MS, GroupConfigKey.SHARE_HEARTBEAT_INTERVAL_MS))
                .or(() -> checkTimeoutAboveInterval(ints, GroupConfigKey.STREAMS_SESSION_TIMEOUT_MS,
                        GroupConfigKey.STREAMS_HEARTBEAT_INTERVAL_MS));
    }

    private static Optional<String> parseInt(GroupConfigKey key, String text, Map<GroupConfigKey, Integer> ints) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return Optional.of(invalid(key, text, "Not a number of type INT"));
        }
        if (value < key.atLeast()) {
            return Optional.of(invalid(key, text, "Value must be at least " + key.atLeast()));
        }
        ints.put(key, value);
        return Optional.empty();
    }

    private static Optional<String> checkString(GroupConfigKey key, String value) {
        if (key == GroupConfigKey.SHARE_AUTO_OFFSET_RESET) {
            return isAutoOffsetReset(value) ? Optional.empty() : Optional.of(invalid(key, value, "Invalid value `" + value
                    + "` for configuration " + key.configName() + ". The value must be either 'earliest', 'latest' or of the"
                    + " format 'by_duration:<PnDTnHnMn.nS>'."));
        }
        if (!key.allowedValues().isEmpty() && !key.allowedValues().contains(value)) {
            return Optional.of(invalid(key, value, "String must be one of: " + String.join(", ", key.allowedValues())));
        }
        return Optional.empty();
    }

    private static boolean isAutoOffsetReset(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("earliest") || lower.equals("latest")) {
            return true;
        }
        if (!lower.startsWith("by_duration:")) {
            return false;
        }
        try {
            return !Duration.parse(value.trim().substring("by_duration:".length())).isNegative();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private Optional<String> checkBrokerBounds(GroupConfigKey key, Integer value) {
        if (value == null) {
            return Optional.empty();
        }
        Optional<ConfigKey<Integer>> min = key.brokerMin();
        if (min.isPresent() && value < broker.get(min.get())) {
            return Optional.of(key.configName() + " must be greater than or equal to " + min.get().name());
        }
        Optional<ConfigKey<Integer>> max = key.brokerMax();
        if (max.isPresent() && value > broker.get(max.get())) {
            return Optional.of(key.configName() + " must be less than or equal to " + max.get().name());
        }
        return Optional.empty();
    }

    private static Optional<String> checkTimeoutAboveInterval(Map<GroupConfigKey, Integer> ints, GroupConfigKey timeout,
                                                             GroupConfigKey interval) {
        return ints.get(timeout) <= ints.get(interval)
                ? Optional.of(timeout.configName() + " must be greater than " + interval.configName()) : Optional.empty();
    }

    /** Kafka's ConfigException wording. */
    private static String invalid(GroupConfigKey key, String value, String reason) {
        return "Invalid value " + value + " for configuration " + key.configName() + ": " + reason;
    }
}
