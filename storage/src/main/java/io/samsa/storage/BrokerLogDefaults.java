package io.samsa.storage;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns Kafka's broker-level log settings ({@code log.segment.bytes}, {@code log.retention.hours},
 * {@code log.flush.interval.messages}, ...) into the topic-level {@link LogConfig} that every topic
 * starts from; a topic's own overrides are then applied with {@link LogConfig#with}. Keys that are
 * not log settings are ignored. Where Kafka offers hours/minutes/ms variants, the finest unit given
 * wins, as in Kafka.
 *
 * <p>Stateless and thread-safe.
 */
public final class BrokerLogDefaults {
    /** Broker key to topic key, for settings with one broker spelling. */
    private static final Map<String, String> DIRECT = Map.ofEntries(
            Map.entry("log.segment.bytes", LogConfig.SEGMENT_BYTES),
            Map.entry("log.index.size.max.bytes", LogConfig.SEGMENT_INDEX_BYTES),
            Map.entry("log.index.interval.bytes", LogConfig.INDEX_INTERVAL_BYTES),
            Map.entry("log.retention.bytes", LogConfig.RETENTION_BYTES),
            Map.entry("log.cleanup.policy", LogConfig.CLEANUP_POLICY),
            Map.entry("log.cleaner.delete.retention.ms", LogConfig.DELETE_RETENTION_MS),
            Map.entry("log.cleaner.min.compaction.lag.ms", LogConfig.MIN_COMPACTION_LAG_MS),
            Map.entry("log.cleaner.min.cleanable.ratio", LogConfig.MIN_CLEANABLE_DIRTY_RATIO),
            Map.entry("log.flush.interval.messages", LogConfig.FLUSH_MESSAGES),
            Map.entry("log.flush.interval.ms", LogConfig.FLUSH_MS),
            Map.entry("log.message.timestamp.type", LogConfig.MESSAGE_TIMESTAMP_TYPE),
            Map.entry("log.message.timestamp.before.max.ms", LogConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS),
            Map.entry("log.message.timestamp.after.max.ms", LogConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS),
            Map.entry("message.max.bytes", LogConfig.MAX_MESSAGE_BYTES),
            Map.entry("log.segment.delete.delay.ms", LogConfig.FILE_DELETE_DELAY_MS),
            Map.entry("min.insync.replicas", LogConfig.MIN_INSYNC_REPLICAS));

    private BrokerLogDefaults() {
    }

    /**
     * @param brokerProps the broker's settings (any keys)
     * @return the default topic config they describe
     * @throws ConfigException naming the topic-level key of a bad value
     */
    public static LogConfig fromBrokerConfig(Map<String, String> brokerProps) {
        Map<String, String> topic = new HashMap<>();
        DIRECT.forEach((brokerKey, topicKey) -> {
            String value = brokerProps.get(brokerKey);
            if (value != null) {
                topic.put(topicKey, value);
            }
        });
        putFinest(brokerProps, topic, LogConfig.SEGMENT_MS, "log.roll.ms", null, "log.roll.hours");
        putFinest(brokerProps, topic, LogConfig.RETENTION_MS, "log.retention.ms", "log.retention.minutes", "log.retention.hours");
        return LogConfig.fromMap(topic);
    }

    private static void putFinest(Map<String, String> brokerProps, Map<String, String> topic, String topicKey,
                                  String msKey, String minutesKey, String hoursKey) {
        String ms = brokerProps.get(msKey);
        if (ms != null) {
            topic.put(topicKey, ms);
            return;
        }
        String minutes = minutesKey == null ? null : brokerProps.get(minutesKey);
        if (minutes != null) {
            topic.put(topicKey, String.valueOf(scaled(topicKey, minutes, 60_000L)));
            return;
        }
        String hours = brokerProps.get(hoursKey);
        if (hours != null) {
            topic.put(topicKey, String.valueOf(scaled(topicKey, hours, 3_600_000L)));
        }
    }

    /** Converts to ms, keeping -1 (unlimited) as -1. */
    private static long scaled(String topicKey, String value, long factor) {
        try {
            long parsed = Long.parseLong(value.trim());
            return parsed < 0 ? parsed : Math.multiplyExact(parsed, factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(topicKey, value, "not a number of the right range");
        }
    }
}
