package io.samsa.broker.metadata;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.config.ConfigKey;
import io.samsa.broker.config.Endpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the admin handlers' ports off the broker's {@link BrokerConfig}: identity, topic creation
 * defaults, {@code delete.topic.enable}, the broker configs DescribeConfigs lists, and the
 * broker-level keys that change topic defaults.
 *
 * <p>Immutable and thread-safe (the config is).
 */
public final class BrokerConfigPorts {
    /** Broker keys whose values DescribeConfigs hides (none are declared yet; SASL and SSL will be). */
    private static final Pattern SENSITIVE_KEY = Pattern.compile(".*(password|secret|jaas\\.config).*");
    /** The broker keys {@link BrokerConfig#logRetentionMs()} combines into one value. */
    private static final List<ConfigKey<?>> RETENTION_KEYS = List.of(BrokerConfigKeys.LOG_RETENTION_MS,
            BrokerConfigKeys.LOG_RETENTION_MINUTES, BrokerConfigKeys.LOG_RETENTION_HOURS);
    private static final List<ConfigKey<?>> ROLL_KEYS = List.of(BrokerConfigKeys.LOG_ROLL_MS, BrokerConfigKeys.LOG_ROLL_HOURS);

    private final BrokerConfig config;

    public BrokerConfigPorts(BrokerConfig config) {
        this.config = config;
    }

    /**
     * @param clusterId  the cluster id (from the data directory)
     * @param advertised the endpoint clients connect to: {@code Broker.advertisedEndpoints().get(0)}
     *                   once the listener is bound
     * @return this node as clients see it, with its {@code broker.rack} (null when empty)
     */
    public LocalBroker localBroker(String clusterId, Endpoint advertised) {
        String rack = config.get(BrokerConfigKeys.BROKER_RACK);
        return new LocalBroker(config.nodeId(), clusterId, advertised.host(), advertised.port(), rack == null || rack.isEmpty() ? null : rack);
    }

    /** @return num.partitions, default.replication.factor, auto.create.topics.enable */
    public TopicCreationDefaults topicCreationDefaults() {
        return new TopicCreationDefaults(config.get(BrokerConfigKeys.NUM_PARTITIONS),
                config.get(BrokerConfigKeys.DEFAULT_REPLICATION_FACTOR).shortValue(),
                config.get(BrokerConfigKeys.AUTO_CREATE_TOPICS_ENABLE));
    }

    /** @return delete.topic.enable */
    public boolean deleteTopicEnable() {
        return config.get(BrokerConfigKeys.DELETE_TOPIC_ENABLE);
    }

    /**
     * @return every declared broker key with its value (null when an optional key is unset), as
     *         STATIC_BROKER_CONFIG when the operator set it and DEFAULT_CONFIG otherwise, sorted
     */
    public BrokerConfigView brokerConfigView() {
        List<ConfigValue> values = new ArrayList<>();
        for (ConfigKey<?> key : BrokerConfigKeys.DEFINITION.keys()) {
            values.add(new ConfigValue(key.name(), text(key),
                    config.isSet(key) ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG,
                    SENSITIVE_KEY.matcher(key.name()).matches(), dataType(key)));
        }
        values.sort(Comparator.comparing(ConfigValue::name));
        List<ConfigValue> snapshot = List.copyOf(values);
        return () -> snapshot;
    }

    /**
     * @return every broker key the operator set, by name, with {@code log.retention.ms} and
     *         {@code log.roll.ms} derived from their hours/minutes/ms variants; this is what
     *         {@code io.samsa.broker.topics.LogConfigTopicConfigPolicy} takes, and it picks out the
     *         broker synonyms of topic keys (log.retention.ms, log.segment.bytes, ...)
     */
    public Map<String, String> staticTopicDefaults() {
        Map<String, String> out = new TreeMap<>();
        for (ConfigKey<?> key : BrokerConfigKeys.DEFINITION.keys()) {
            if (config.isSet(key) && config.get(key) != null && !RETENTION_KEYS.contains(key) && !ROLL_KEYS.contains(key)) {
                out.put(key.name(), text(key));
            }
        }
        if (RETENTION_KEYS.stream().anyMatch(config::isSet)) {
            out.put(BrokerConfigKeys.LOG_RETENTION_MS.name(), Long.toString(config.logRetentionMs()));
        }
        if (ROLL_KEYS.stream().anyMatch(config::isSet)) {
            out.put(BrokerConfigKeys.LOG_ROLL_MS.name(), Long.toString(config.logRollMs()));
        }
        return out;
    }

    /** Maps the config definition's type names (int, long, boolean, string, list) to wire types. */
    private static ConfigDataType dataType(ConfigKey<?> key) {
        try {
            return ConfigDataType.valueOf(key.type().name().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ConfigDataType.UNKNOWN;
        }
    }

    private <T> String text(ConfigKey<T> key) {
        T value = config.get(key);
        return value == null ? null : key.type().print(value);
    }
}
