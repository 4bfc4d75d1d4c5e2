package io.samsa.broker.topics;

import io.samsa.broker.metadata.ConfigDataType;
import io.samsa.broker.metadata.ConfigSource;
import io.samsa.broker.metadata.TopicConfigDefault;
import io.samsa.broker.metadata.TopicConfigPolicy;
import io.samsa.storage.ConfigException;
import io.samsa.storage.LogConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TopicConfigPolicy} over storage's {@link LogConfig}: storage decides which overrides are
 * valid, and the catalogue below lists every topic-level key Kafka 4.1 describes, with the broker
 * key it defaults from. Defaults the log uses come from {@code LogConfig}'s constants so the two
 * cannot drift; the rest are Kafka's documented defaults for keys the log accepts but ignores.
 *
 * <p>Immutable and thread-safe.
 */
public final class LogConfigTopicConfigPolicy implements TopicConfigPolicy {
    private static final String LONG_MAX = Long.toString(Long.MAX_VALUE);

    /** topic key, broker synonym, built-in default, data type. */
    private static final String[][] CATALOGUE = {
        {LogConfig.CLEANUP_POLICY, "log.cleanup.policy", LogConfig.CLEANUP_POLICY_DEFAULT, "LIST"},
        {"compression.gzip.level", "compression.gzip.level", "-1", "INT"},
        {"compression.lz4.level", "compression.lz4.level", "9", "INT"},
        {"compression.type", "compression.type", "producer", "STRING"},
        {"compression.zstd.level", "compression.zstd.level", "3", "INT"},
        {LogConfig.DELETE_RETENTION_MS, "log.cleaner.delete.retention.ms", Long.toString(LogConfig.DELETE_RETENTION_MS_DEFAULT), "LONG"},
        {LogConfig.FILE_DELETE_DELAY_MS, "log.segment.delete.delay.ms", Long.toString(LogConfig.FILE_DELETE_DELAY_MS_DEFAULT), "LONG"},
        {LogConfig.FLUSH_MESSAGES, "log.flush.interval.messages", Long.toString(LogConfig.FLUSH_MESSAGES_DEFAULT), "LONG"},
        {LogConfig.FLUSH_MS, "log.flush.interval.ms", Long.toString(LogConfig.FLUSH_MS_DEFAULT), "LONG"},
        {"follower.replication.throttled.replicas", "follower.replication.throttled.replicas", "", "LIST"},
        {LogConfig.INDEX_INTERVAL_BYTES, "log.index.interval.bytes", Integer.toString(LogConfig.INDEX_INTERVAL_BYTES_DEFAULT), "INT"},
        {"leader.replication.throttled.replicas", "leader.replication.throttled.replicas", "", "LIST"},
        {"local.retention.bytes", "log.local.retention.bytes", "-2", "LONG"},
        {"local.retention.ms", "log.local.retention.ms", "-2", "LONG"},
        {"max.compaction.lag.ms", "log.cleaner.max.compaction.lag.ms", LONG_MAX, "LONG"},
        {LogConfig.MAX_MESSAGE_BYTES, "message.max.bytes", Integer.toString(LogConfig.MAX_MESSAGE_BYTES_DEFAULT), "INT"},
        {LogConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS, "log.message.timestamp.after.max.ms",
            Long.toString(LogConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_DEFAULT), "LONG"},
        {LogConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS, "log.message.timestamp.before.max.ms",
            Long.toString(LogConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_DEFAULT), "LONG"},
        {LogConfig.MESSAGE_TIMESTAMP_TYPE, "log.message.timestamp.type", "CreateTime", "STRING"},
        {LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "log.cleaner.min.cleanable.ratio",
            Double.toString(LogConfig.MIN_CLEANABLE_DIRTY_RATIO_DEFAULT), "DOUBLE"},
        {LogConfig.MIN_COMPACTION_LAG_MS, "log.cleaner.min.compaction.lag.ms",
            Long.toString(LogConfig.MIN_COMPACTION_LAG_MS_DEFAULT), "LONG"},
        {"min.insync.replicas", "min.insync.replicas", "1", "INT"},
        {"preallocate", "log.preallocate", "false", "BOOLEAN"},
        {"remote.log.copy.disable", "remote.log.copy.disable", "false", "BOOLEAN"},
        {"remote.log.delete.on.disable", "remote.log.delete.on.disable", "false", "BOOLEAN"},
        {"remote.storage.enable", "remote.storage.enable", "false", "BOOLEAN"},
        {LogConfig.RETENTION_BYTES, "log.retention.bytes", Long.toString(LogConfig.RETENTION_BYTES_DEFAULT), "LONG"},
        {LogConfig.RETENTION_MS, "log.retention.ms", Long.toString(LogConfig.RETENTION_MS_DEFAULT), "LONG"},
        {LogConfig.SEGMENT_BYTES, "log.segment.bytes", Integer.toString(LogConfig.SEGMENT_BYTES_DEFAULT), "INT"},
        {LogConfig.SEGMENT_INDEX_BYTES, "log.index.size.max.bytes", Integer.toString(LogConfig.SEGMENT_INDEX_BYTES_DEFAULT), "INT"},
        {"segment.jitter.ms", "log.roll.jitter.ms", "0", "LONG"},
        {LogConfig.SEGMENT_MS, "log.roll.ms", Long.toString(LogConfig.SEGMENT_MS_DEFAULT), "LONG"},
        {"unclean.leader.election.enable", "unclean.leader.election.enable", "false", "BOOLEAN"},
    };

    private final List<TopicConfigDefault> defaults;

    /**
     * @param staticBrokerValues broker-level keys set in server.properties (for example
     *                           {@code log.retention.ms}); they replace the built-in default of the
     *                           topic key they are a synonym of. Other keys are ignored.
     */
    public LogConfigTopicConfigPolicy(Map<String, String> staticBrokerValues) {
        List<TopicConfigDefault> list = new ArrayList<>(CATALOGUE.length);
        for (String[] entry : CATALOGUE) {
            String brokerValue = staticBrokerValues.get(entry[1]);
            ConfigDataType type = ConfigDataType.valueOf(entry[3]);
            list.add(brokerValue != null
                    ? new TopicConfigDefault(entry[0], brokerValue, ConfigSource.STATIC_BROKER_CONFIG, entry[1], type)
                    : new TopicConfigDefault(entry[0], entry[2], ConfigSource.DEFAULT_CONFIG, entry[1], type));
        }
        list.sort(Comparator.comparing(TopicConfigDefault::name));
        this.defaults = List.copyOf(list);
    }

    @Override
    public Optional<String> invalidReason(Map<String, String> overrides) {
        for (Map.Entry<String, String> entry : overrides.entrySet()) {
            if (entry.getValue() == null) {
                return Optional.of("Null value not supported for topic configs: " + entry.getKey());
            }
        }
        try {
            LogConfig.fromMap(overrides);
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public List<TopicConfigDefault> defaults() {
        return defaults;
    }

    /**
     * @return the topic keys whose default the broker config changed, with that value: the
     *         broker-wide {@link LogConfig} for {@link TopicLogConfigs} is
     *         {@code LogConfig.fromMap(policy.staticBrokerTopicDefaults())}
     */
    public Map<String, String> staticBrokerTopicDefaults() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (TopicConfigDefault fallback : defaults) {
            if (fallback.source() == ConfigSource.STATIC_BROKER_CONFIG) {
                out.put(fallback.name(), fallback.value());
            }
        }
        return out;
    }
}
