package io.samsa.broker.admin;

import io.samsa.broker.group.configs.GroupConfigManager;
import io.samsa.broker.metadata.ConfigAlteration.Operation;
import io.samsa.broker.metadata.ConfigAlteration.Outcome;
import io.samsa.broker.metadata.ConfigAlteration;
import io.samsa.broker.metadata.ConfigDataType;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.metadata.OverridesChange;
import io.samsa.broker.metadata.TopicConfigDefault;
import io.samsa.broker.metadata.TopicConfigPolicy;
import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicException;
import io.samsa.broker.topics.TopicNames;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.IncrementalAlterConfigsRequest.AlterConfigsResource;
import io.samsa.protocol.message.IncrementalAlterConfigsRequest.AlterableConfig;
import io.samsa.protocol.message.IncrementalAlterConfigsRequest;
import io.samsa.protocol.message.IncrementalAlterConfigsResponse.AlterConfigsResourceResponse;
import io.samsa.protocol.message.IncrementalAlterConfigsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * IncrementalAlterConfigs (key 44), v0 and v1: one answer per resource, never a hang.
 *
 * <ul>
 * <li><b>GROUP</b> (32): SET/DELETE of Kafka 4.1's group configs, validated as a whole against the
 *     broker's bounds (INVALID_CONFIG with Kafka's message), stored durably; validate_only checks
 *     without storing. See {@link GroupConfigManager}.</li>
 * <li><b>TOPIC</b> (2): an illegal name is INVALID_TOPIC_EXCEPTION, an unknown topic
 *     UNKNOWN_TOPIC_OR_PARTITION; otherwise SET/DELETE, and APPEND/SUBTRACT on list keys
 *     (cleanup.policy), validated by the topic config policy (INVALID_CONFIG), stored in the topic
 *     registry and applied to the open logs at once.</li>
 * <li><b>BROKER</b> (4): this node's id or "" (cluster default); no broker config is dynamic here, so
 *     INVALID_REQUEST "Cannot update these configs dynamically: Set(...)", Kafka's answer for a static
 *     key; a request that only DELETEs succeeds (no dynamic value exists to remove, as Kafka answers for
 *     unset keys); another id INVALID_REQUEST as in DescribeConfigs.</li>
 * <li>Any other type: INVALID_REQUEST "Unsupported resource type N".</li>
 * </ul>
 *
 * <p>Thread-safe: the group config manager serialises its changes.
 */
public final class IncrementalAlterConfigsHandler
        implements SynchronousHandler<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse> {
    static final byte TOPIC_RESOURCE = 2;
    static final byte BROKER_RESOURCE = 4;
    /** Kafka's AlterConfigOp DELETE. */
    private static final byte DELETE_OPERATION = 1;
    static final byte GROUP_RESOURCE = 32;

    private final TopicRegistry registry;
    private final Supplier<LocalBroker> localBroker;
    private final GroupConfigManager groupConfigs;
    private final TopicConfigPolicy topicPolicy;

    public IncrementalAlterConfigsHandler(TopicRegistry registry, Supplier<LocalBroker> localBroker, GroupConfigManager groupConfigs,
                                          TopicConfigPolicy topicPolicy) {
        this.registry = registry;
        this.localBroker = localBroker;
        this.groupConfigs = groupConfigs;
        this.topicPolicy = topicPolicy;
    }

    @Override
    public ApiKey api() {
        return ApiKey.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public IncrementalAlterConfigsResponse handle(IncrementalAlterConfigsRequest request, short apiVersion) {
        List<AlterConfigsResourceResponse> responses = new ArrayList<>(request.resources().size());
        for (AlterConfigsResource resource : request.resources()) {
            Outcome outcome = resource.resourceType() == TOPIC_RESOURCE
                    ? alterTopic(resource.resourceName(), operations(resource), request.validateOnly())
                    : alterOther(resource, request.validateOnly());
            responses.add(answer(resource, outcome));
        }
        return new IncrementalAlterConfigsResponse().setThrottleTimeMs(0).setResponses(responses);
    }

    /** The answer for one resource. */
    static AlterConfigsResourceResponse answer(AlterConfigsResource resource, Outcome outcome) {
        return new AlterConfigsResourceResponse()
                .setErrorCode(outcome.error().code())
                .setErrorMessage(outcome.message())
                .setResourceType(resource.resourceType())
                .setResourceName(resource.resourceName());
    }

    /** A GROUP, BROKER or unsupported resource: the same on a single node and in cluster mode. */
    Outcome alterOther(AlterConfigsResource resource, boolean validateOnly) {
        return switch (resource.resourceType()) {
            case GROUP_RESOURCE -> groupConfigs.alter(resource.resourceName(), operations(resource), validateOnly);
            case BROKER_RESOURCE -> alterBroker(resource);
            default -> new Outcome(ErrorCode.INVALID_REQUEST, "Unsupported resource type " + resource.resourceType());
        };
    }

    static List<Operation> operations(AlterConfigsResource resource) {
        List<Operation> operations = new ArrayList<>(resource.configs().size());
        for (AlterableConfig config : resource.configs()) {
            operations.add(new Operation(config.name(), config.configOperation(), config.value()));
        }
        return operations;
    }

    private Outcome alterTopic(String name, List<Operation> operations, boolean validateOnly) {
        OverridesChange change = topicChange(name, operations);
        if (!change.outcome().ok() || validateOnly) {
            return change.outcome();
        }
        try {
            registry.alterConfigs(name, change.after());
        } catch (TopicException e) {
            return new Outcome(e.error(), e.getMessage()); // deleted meanwhile
        }
        return Outcome.OK;
    }

    /**
     * A topic's new overrides, checked: an illegal name is INVALID_TOPIC_EXCEPTION, an unknown topic
     * UNKNOWN_TOPIC_OR_PARTITION, a bad operation or value INVALID_CONFIG / INVALID_REQUEST.
     */
    OverridesChange topicChange(String name, List<Operation> operations) {
        Optional<String> invalid = TopicNames.invalidReason(name);
        if (invalid.isPresent()) {
            return OverridesChange.refused(new Outcome(ErrorCode.INVALID_TOPIC_EXCEPTION, invalid.get()));
        }
        Optional<Topic> topic = registry.topic(name);
        if (topic.isEmpty()) {
            return OverridesChange.refused(new Outcome(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                    "Topic " + name + " does not exist."));
        }
        Map<String, String> before = topic.get().configOverrides();
        ConfigAlteration.Result altered = ConfigAlteration.apply(before, operations, this::listDefault);
        if (!altered.outcome().ok()) {
            return OverridesChange.refused(altered.outcome());
        }
        Optional<String> invalidConfig = topicPolicy.invalidReason(altered.overrides());
        if (invalidConfig.isPresent()) {
            return OverridesChange.refused(new Outcome(ErrorCode.INVALID_CONFIG, invalidConfig.get()));
        }
        return new OverridesChange(Outcome.OK, before, altered.overrides());
    }

    /** A group's new overrides, checked as a whole; nothing stored. */
    OverridesChange groupChange(String groupId, List<Operation> operations) {
        return groupConfigs.change(groupId, operations);
    }

    /** @return the default of a LIST-typed topic key (the only keys APPEND/SUBTRACT accept) */
    private Optional<String> listDefault(String key) {
        for (TopicConfigDefault config : topicPolicy.defaults()) {
            if (config.name().equals(key) && config.type() == ConfigDataType.LIST) {
                return Optional.of(config.value() == null ? "" : config.value());
            }
        }
        return Optional.empty();
    }

    private Outcome alterBroker(AlterConfigsResource resource) {
        int nodeId = localBroker.get().nodeId();
        String name = resource.resourceName();
        if (!name.isEmpty() && !name.equals(Integer.toString(nodeId))) {
            return new Outcome(ErrorCode.INVALID_REQUEST, "Unexpected broker id, expected " + nodeId
                    + " or empty string, but received " + name);
        }
        if (resource.configs().stream().allMatch(config -> config.configOperation() == DELETE_OPERATION)) {
            // nothing is ever set dynamically on a broker here, so there is nothing to delete: Kafka's
            // answer to deleting an unset dynamic key (kafka-reassign-partitions --verify clears throttles so)
            return Outcome.OK;
        }
        String keys = resource.configs().stream().map(AlterableConfig::name).collect(Collectors.joining(", "));
        return new Outcome(ErrorCode.INVALID_REQUEST, "Cannot update these configs dynamically: Set(" + keys + ")");
    }
}
