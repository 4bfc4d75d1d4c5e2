package io.samsa.broker.admin;

import io.samsa.broker.metadata.ConfigSource;
import io.samsa.broker.metadata.ConfigValue;
import io.samsa.broker.metadata.TopicConfigDefault;
import io.samsa.broker.metadata.TopicConfigPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic's full configuration as DescribeConfigs and CreateTopics (v5+) report it: every
 * topic-level key, valued by the topic's override (source DYNAMIC_TOPIC_CONFIG) or else by the
 * default (STATIC_BROKER_CONFIG or DEFAULT_CONFIG), with Kafka's synonym chain, strongest first.
 * Overrides of keys the catalogue does not list (accepted legacy keys) are reported as overrides.
 *
 * <p>Immutable and thread-safe.
 */
final class TopicConfigDescriber {

    /** One described key with its synonyms, strongest first (the entry itself comes first). */
    record DescribedConfig(ConfigValue value, List<ConfigValue> synonyms) {
    }

    private final TopicConfigPolicy policy;

    TopicConfigDescriber(TopicConfigPolicy policy) {
        this.policy = policy;
    }

    /** @return every key, sorted by name */
    List<DescribedConfig> describe(Map<String, String> overrides) {
        Map<String, DescribedConfig> byName = new TreeMap<>();
        for (TopicConfigDefault fallback : policy.defaults()) {
            ConfigValue defaultValue = new ConfigValue(fallback.brokerSynonym(), fallback.value(), fallback.source(), false,
                    fallback.type());
            String override = overrides.get(fallback.name());
            if (override != null) {
                ConfigValue value = new ConfigValue(fallback.name(), override, ConfigSource.DYNAMIC_TOPIC_CONFIG, false,
                        fallback.type());
                byName.put(fallback.name(), new DescribedConfig(value, List.of(value, defaultValue)));
            } else {
                ConfigValue value = new ConfigValue(fallback.name(), fallback.value(), fallback.source(), false, fallback.type());
                byName.put(fallback.name(), new DescribedConfig(value, List.of(defaultValue)));
            }
        }
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            if (!byName.containsKey(override.getKey())) {
                ConfigValue value = new ConfigValue(override.getKey(), override.getValue(), ConfigSource.DYNAMIC_TOPIC_CONFIG, false);
                byName.put(override.getKey(), new DescribedConfig(value, List.of(value)));
            }
        }
        return new ArrayList<>(byName.values());
    }
}
