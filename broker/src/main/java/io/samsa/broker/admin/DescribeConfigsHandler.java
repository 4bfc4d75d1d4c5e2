package io.samsa.broker.admin;

import io.samsa.broker.group.configs.GroupConfigKey;
import io.samsa.broker.group.configs.GroupConfigManager;
import io.samsa.broker.metadata.BrokerConfigView;
import io.samsa.broker.metadata.ConfigValue;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.metadata.TopicConfigPolicy;
import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicNames;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeConfigsRequest;
import io.samsa.protocol.message.DescribeConfigsRequest.DescribeConfigsResource;
import io.samsa.protocol.message.DescribeConfigsResponse;
import io.samsa.protocol.message.DescribeConfigsResponse.DescribeConfigsResourceResult;
import io.samsa.protocol.message.DescribeConfigsResponse.DescribeConfigsResult;
import io.samsa.protocol.message.DescribeConfigsResponse.DescribeConfigsSynonym;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * DescribeConfigs (key 32), v1 to 4, for topic (type 2), broker (type 4) and group (type 32) resources.
 *
 * <p><b>Topics:</b> every topic-level key, with the topic's override (DYNAMIC_TOPIC_CONFIG) or
 * the default (STATIC_BROKER_CONFIG when server.properties set the broker synonym, else
 * DEFAULT_CONFIG); not read-only, not sensitive. An illegal name is INVALID_TOPIC_EXCEPTION, an
 * unknown topic UNKNOWN_TOPIC_OR_PARTITION. <b>Broker:</b> the name must be this node's id (every
 * config, read-only, sensitive values hidden as null) or empty (the cluster-wide dynamic
 * defaults, of which there are none); another id or a non-number is INVALID_REQUEST, as is any
 * other resource type. <b>Group:</b> Kafka 4.1's group configs of any group id, existing or not
 * (its override, source DYNAMIC_GROUP_CONFIG, or the broker's group.* default, DEFAULT_CONFIG; its
 * synonym is itself); an empty name is INVALID_REQUEST.
 *
 * <p>configuration_keys null or empty means all keys, as in Kafka; otherwise only the listed ones.
 * Synonyms (strongest first) only when include_synonyms is set. config_type (v3+) is the key's
 * data type where known; documentation (v3+, include_documentation) is provided for group
 * configs, and null for the others (no documentation catalogue yet).
 *
 * <p>Thread-safe: reads only.
 */
public final class DescribeConfigsHandler implements SynchronousHandler<DescribeConfigsRequest, DescribeConfigsResponse> {
    /** Kafka's ConfigResource.Type ids. */
    static final byte TOPIC_RESOURCE = 2;
    static final byte BROKER_RESOURCE = 4;
    static final byte GROUP_RESOURCE = 32;

    private final TopicRegistry registry;
    private final Supplier<LocalBroker> localBroker;
    private final BrokerConfigView brokerConfigs;
    private final TopicConfigDescriber describer;
    private final GroupConfigManager groupConfigs;

    public DescribeConfigsHandler(TopicRegistry registry, Supplier<LocalBroker> localBroker, TopicConfigPolicy configPolicy,
            BrokerConfigView brokerConfigs, GroupConfigManager groupConfigs) {
        this.registry = registry;
        this.localBroker = localBroker;
        this.brokerConfigs = brokerConfigs;
        this.describer = new TopicConfigDescriber(configPolicy);
        this.groupConfigs = groupConfigs;
    }

    @Override
    public ApiKey api() {
        return ApiKey.DESCRIBE_CONFIGS;
    }

    @Override
    public DescribeConfigsResponse handle(DescribeConfigsRequest request, short apiVersion) {
        List<DescribeConfigsResult> results = new ArrayList<>(request.resources().size());
        for (DescribeConfigsResource resource : request.resources()) {
            DescribeConfigsResult result = new DescribeConfigsResult()
                    .setResourceType(resource.resourceType())
                    .setResourceName(resource.resourceName())
                    .setErrorMessage(null);
            KeyFilter filter = new KeyFilter(resource.configurationKeys());
            switch (resource.resourceType()) {
                case TOPIC_RESOURCE -> describeTopic(resource.resourceName(), filter, request.includeSynonyms(), result);
                case BROKER_RESOURCE -> describeBroker(localBroker.get().nodeId(), resource.resourceName(), filter,
                        request.includeSynonyms(), result);
                case GROUP_RESOURCE -> describeGroup(resource.resourceName(), filter, request.includeSynonyms(),
                        request.includeDocumentation(), result);
                default -> fail(result, ErrorCode.INVALID_REQUEST, "Unsupported resource type " + resource.resourceType());
            }
            results.add(result);
        }
        return new DescribeConfigsResponse().setThrottleTimeMs(0).setResults(results);
    }

    private void describeTopic(String name, KeyFilter filter, boolean includeSynonyms, DescribeConfigsResult result) {
        Optional<String> invalid = TopicNames.invalidReason(name);
        if (invalid.isPresent()) {
            fail(result, ErrorCode.INVALID_TOPIC_EXCEPTION, invalid.get());
            return;
        }
        Optional<Topic> topic = registry.topic(name);
        if (topic.isEmpty()) {
            fail(result, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + name + " does not exist.");
            return;
        }
        List<DescribeConfigsResourceResult> configs = new ArrayList<>();
        for (TopicConfigDescriber.DescribedConfig described : describer.describe(topic.get().configOverrides())) {
            if (filter.allows(described.value().name())) {
                configs.add(entry(described.value(), false, includeSynonyms ? described.synonyms() : List.of()));
            }
        }
        result.setErrorCode(ErrorCode.NONE.code()).setConfigs(configs);
    }

    private void describeBroker(int nodeId, String name, KeyFilter filter, boolean includeSynonyms, DescribeConfigsResult result) {
        if (name.isEmpty()) {
            result.setErrorCode(ErrorCode.NONE.code()).setConfigs(new ArrayList<>());
            return;
        }
        if (!name.equals(Integer.toString(nodeId))) {
            fail(result, ErrorCode.INVALID_REQUEST, "Unexpected broker id, expected " + nodeId
                    + " or empty string, but received " + name);
            return;
        }
        List<DescribeConfigsResourceResult> configs = new ArrayList<>();
        for (ConfigValue config : brokerConfigs.brokerConfigs()) {
            if (filter.allows(config.name())) {
                configs.add(entry(config, true, includeSynonyms ? List.of(config) : List.of()));
            }
        }
        result.setErrorCode(ErrorCode.NONE.code()).setConfigs(configs);
    }

    private void describeGroup(String groupId, KeyFilter filter, boolean includeSynonyms, boolean includeDocumentation,
                               DescribeConfigsResult result) {
        if (groupId.isEmpty()) {
            fail(result, ErrorCode.INVALID_REQUEST, "Group name must not be empty");
            return;
        }
        List<DescribeConfigsResourceResult> configs = new ArrayList<>();
        for (ConfigValue config : groupConfigs.describe(groupId)) {
            if (filter.allows(config.name())) {
                DescribeConfigsResourceResult described = entry(config, false, includeSynonyms ? List.of(config) : List.of());
                if (includeDocumentation) {
                    described.setDocumentation(GroupConfigKey.named(config.name()).map(GroupConfigKey::doc).orElse(null));
                }
                configs.add(described);
            }
        }
        result.setErrorCode(ErrorCode.NONE.code()).setConfigs(configs);
    }

    private static DescribeConfigsResourceResult entry(ConfigValue config, boolean readOnly, List<ConfigValue> synonyms) {
        List<DescribeConfigsSynonym> wireSynonyms = new ArrayList<>(synonyms.size());
        for (ConfigValue synonym : synonyms) {
            wireSynonyms.add(new DescribeConfigsSynonym()
                    .setName(synonym.name())
                    .setValue(visibleValue(synonym))
                    .setSource(synonym.source().id()));
        }
        return new DescribeConfigsResourceResult()
                .setName(config.name())
                .setValue(visibleValue(config))
                .setReadOnly(readOnly)
                .setConfigSource(config.source().id())
                .setIsSensitive(config.sensitive())
                .setSynonyms(wireSynonyms)
                .setConfigType(config.type().id())
                .setDocumentation(null);
    }

    private static String visibleValue(ConfigValue config) {
        return config.sensitive() ? null : config.value();
    }

    private static void fail(DescribeConfigsResult result, ErrorCode error, String message) {
        result.setErrorCode(error.code()).setErrorMessage(message).setConfigs(new ArrayList<>());
    }

    /** configuration_keys: null or empty selects every key. */
    private static final class KeyFilter {
        private final Set<String> keys;

        KeyFilter(List<String> requested) {
            this.keys = requested == null || requested.isEmpty() ? null : new TreeSet<>(requested);
        }

        boolean allows(String key) {
            return keys == null || keys.contains(key);
        }
    }
}
