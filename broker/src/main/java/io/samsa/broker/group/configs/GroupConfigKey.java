package io.samsa.broker.group.configs;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.config.ConfigKey;
import io.samsa.broker.metadata.ConfigDataType;
import java.util.List;
import java.util.Optional;

/**
 * The per-group configs of Kafka 4.1 ({@code GroupConfig}): their names, types, where their
 * defaults come from (the broker's {@code group.*} configs) and the broker bounds a group's value
 * must respect. IncrementalAlterConfigs sets them per group; DescribeConfigs reports them.
 */
public enum GroupConfigKey {
    CONSUMER_SESSION_TIMEOUT_MS("consumer.session.timeout.ms", BrokerConfigKeys.GROUP_CONSUMER_SESSION_TIMEOUT_MS, 1,
            BrokerConfigKeys.GROUP_CONSUMER_MIN_SESSION_TIMEOUT_MS, BrokerConfigKeys.GROUP_CONSUMER_MAX_SESSION_TIMEOUT_MS,
            "The timeout to detect client failures when using the consumer group protocol."),
    CONSUMER_HEARTBEAT_INTERVAL_MS("consumer.heartbeat.interval.ms", BrokerConfigKeys.GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS, 1,
            BrokerConfigKeys.GROUP_CONSUMER_MIN_HEARTBEAT_INTERVAL_MS, BrokerConfigKeys.GROUP_CONSUMER_MAX_HEARTBEAT_INTERVAL_MS,
            "The heartbeat interval given to the members of a consumer group."),
    SHARE_SESSION_TIMEOUT_MS("share.session.timeout.ms", BrokerConfigKeys.GROUP_SHARE_SESSION_TIMEOUT_MS, 1,
            BrokerConfigKeys.GROUP_SHARE_MIN_SESSION_TIMEOUT_MS, BrokerConfigKeys.GROUP_SHARE_MAX_SESSION_TIMEOUT_MS,
            "The timeout to detect client failures when using the share group protocol."),
    SHARE_HEARTBEAT_INTERVAL_MS("share.heartbeat.interval.ms", BrokerConfigKeys.GROUP_SHARE_HEARTBEAT_INTERVAL_MS, 1,
            BrokerConfigKeys.GROUP_SHARE_MIN_HEARTBEAT_INTERVAL_MS, BrokerConfigKeys.GROUP_SHARE_MAX_HEARTBEAT_INTERVAL_MS,
            "The heartbeat interval given to the members of a share group."),
    SHARE_RECORD_LOCK_DURATION_MS("share.record.lock.duration.ms", BrokerConfigKeys.GROUP_SHARE_RECORD_LOCK_DURATION_MS, 1000,
            BrokerConfigKeys.GROUP_SHARE_MIN_RECORD_LOCK_DURATION_MS, BrokerConfigKeys.GROUP_SHARE_MAX_RECORD_LOCK_DURATION_MS,
            "The record acquisition lock duration in milliseconds for share groups."),
    SHARE_AUTO_OFFSET_RESET("share.auto.offset.reset", "latest", List.of(),
            "The strategy to initialize the share-partition start offset: earliest, latest or by_duration:<ISO 8601 duration>."),
    SHARE_ISOLATION_LEVEL("share.isolation.level", "read_uncommitted", List.of("read_committed", "read_uncommitted"),
            "Controls how to read records written transactionally."),
    STREAMS_SESSION_TIMEOUT_MS("streams.session.timeout.ms", BrokerConfigKeys.GROUP_STREAMS_SESSION_TIMEOUT_MS, 1,
            BrokerConfigKeys.GROUP_STREAMS_MIN_SESSION_TIMEOUT_MS, BrokerConfigKeys.GROUP_STREAMS_MAX_SESSION_TIMEOUT_MS,
            "The timeout to detect client failures when using the streams group protocol."),
    STREAMS_HEARTBEAT_INTERVAL_MS("streams.heartbeat.interval.ms", BrokerConfigKeys.GROUP_STREAMS_HEARTBEAT_INTERVAL_MS, 1,
            BrokerConfigKeys.GROUP_STREAMS_MIN_HEARTBEAT_INTERVAL_MS, BrokerConfigKeys.GROUP_STREAMS_MAX_HEARTBEAT_INTERVAL_MS,
            "The heartbeat interval given to the members."),
    STREAMS_NUM_STANDBY_REPLICAS("streams.num.standby.replicas", BrokerConfigKeys.GROUP_STREAMS_NUM_STANDBY_REPLICAS, 0,
            null, BrokerConfigKeys.GROUP_STREAMS_MAX_STANDBY_REPLICAS, "The number of standby replicas for each task.");

    private final String configName;
    private final ConfigDataType type;
    private final ConfigKey<Integer> brokerDefault;
    private final String staticDefault;
    private final int atLeast;
    private final ConfigKey<Integer> brokerMin;
    private final ConfigKey<Integer> brokerMax;
    private final List<String> allowedValues;
    private final String doc;

    /** An INT config defaulted by a broker config, at least {@code atLeast}, within optional broker bounds. */
    GroupConfigKey(String configName, ConfigKey<Integer> brokerDefault, int atLeast, ConfigKey<Integer> brokerMin,
                   ConfigKey<Integer> brokerMax, String doc) {
        this.configName = configName;
        this.type = ConfigDataType.INT;
        this.brokerDefault = brokerDefault;
        this.staticDefault = null;
        this.atLeast = atLeast;
        this.brokerMin = brokerMin;
        this.brokerMax = brokerMax;
        this.allowedValues = List.of();
        this.doc = doc;
    }

    /** A STRING config with a fixed default, one of {@code allowedValues} when that is not empty. */
    GroupConfigKey(String configName, String staticDefault, List<String> allowedValues, String doc) {
        this.configName = configName;
        this.type = ConfigDataType.STRING;
        this.brokerDefault = null;
        this.staticDefault = staticDefault;
        this.atLeast = 0;
        this.brokerMin = null;
        this.brokerMax = null;
        this.allowedValues = allowedValues;
        this.doc = doc;
    }

    /** @return the config's name, e.g. {@code consumer.session.timeout.ms} */
    public String configName() {
        return configName;
    }

    public ConfigDataType type() {
        return type;
    }

    public String doc() {
        return doc;
    }

    /** @return the value a group without an override has: the broker's {@code group.*} config, or the fixed default */
    public String defaultValue(BrokerConfig broker) {
        return brokerDefault != null ? Integer.toString(broker.get(brokerDefault)) : staticDefault;
    }

    int atLeast() {
        return atLeast;
    }

    Optional<ConfigKey<Integer>> brokerMin() {
        return Optional.ofNullable(brokerMin);
    }

    Optional<ConfigKey<Integer>> brokerMax() {
        return Optional.ofNullable(brokerMax);
    }

    List<String> allowedValues() {
        return allowedValues;
    }

    /** @return the key named {@code name}, if it is a group config */
    public static Optional<GroupConfigKey> named(String name) {
        for (GroupConfigKey key : values()) {
            if (key.configName.equals(name)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }
}
