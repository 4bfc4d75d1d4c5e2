package io.samsa.broker.admin;

import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.metadata.TopicConfigPolicy;
import io.samsa.broker.metadata.TopicCreationDefaults;
import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicException;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.CreateTopicsRequest;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableReplicaAssignment;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableTopic;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableTopicConfig;
import io.samsa.protocol.message.CreateTopicsResponse;
import io.samsa.protocol.message.CreateTopicsResponse.CreatableTopicConfigs;
import io.samsa.protocol.message.CreateTopicsResponse.CreatableTopicResult;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CreateTopics (key 19), v2 to 7. For each topic, in Kafka's order of checks:
 * <ol>
 *   <li>a name listed twice in one request: INVALID_REQUEST (one result for the name);</li>
 *   <li>illegal or colliding name: INVALID_TOPIC_EXCEPTION; existing: TOPIC_ALREADY_EXISTS;</li>
 *   <li>manual assignments together with num_partitions or replication_factor other than -1:
 *       INVALID_REQUEST; assignments must cover partitions 0..n-1 once each and name only this
 *       node: INVALID_REPLICA_ASSIGNMENT; otherwise -1 takes {@code num.partitions} /
 *       {@code default.replication.factor}; a partition count below 1 (or above the registry's
 *       limit) is INVALID_PARTITIONS and a replication factor other than 1 INVALID_REPLICATION_FACTOR;</li>
 *   <li>configs the {@link TopicConfigPolicy} rejects (unknown key, bad value, null): INVALID_CONFIG.</li>
 * </ol>
 * validate_only runs every check and creates nothing. The result carries (v5+) the partition
 * count, replication factor and full config of the topic, and (v7) its id; the generated message
 * drops these fields at lower versions. timeout_ms is not needed: creation is synchronous.
 *
 * <p>Thread-safe; creation is serialised by the registry.
 */
public final class CreateTopicsHandler implements SynchronousHandler<CreateTopicsRequest, CreateTopicsResponse> {
    private final TopicRegistry registry;
    private final Supplier<LocalBroker> localBroker;
    private final TopicCreationDefaults defaults;
    private final TopicConfigPolicy configPolicy;
    private final TopicConfigDescriber describer;

    public CreateTopicsHandler(TopicRegistry registry, Supplier<LocalBroker> localBroker, TopicCreationDefaults defaults,
            TopicConfigPolicy configPolicy) {
        this.registry = registry;
        this.localBroker = localBroker;
        this.defaults = defaults;
        this.configPolicy = configPolicy;
        this.describer = new TopicConfigDescriber(configPolicy);
    }

    @Override
    public ApiKey api() {
        return ApiKey.CREATE_TOPICS;
    }

    @Override
    public CreateTopicsResponse handle(CreateTopicsRequest request, short apiVersion) {
        Set<String> duplicates = new HashSet<>();
        Map<String, CreatableTopic> unique = new LinkedHashMap<>();
        for (CreatableTopic topic : request.topics()) {
            if (unique.putIfAbsent(topic.name(), topic) != null) {
                duplicates.add(topic.name());
            }
        }
        List<CreatableTopicResult> results = new ArrayList<>(unique.size());
        for (CreatableTopic topic : unique.values()) {
            if (duplicates.contains(topic.name())) {
                results.add(error(topic.name(), ErrorCode.INVALID_REQUEST,
                        "Create topics request contains multiple entries for the topic " + topic.name()));
                continue;
            }
            try {
                results.add(create(topic, request.validateOnly()));
            } catch (TopicException e) {
                results.add(error(topic.name(), e.error(), e.getMessage()));
            }
        }
        return new CreateTopicsResponse().setThrottleTimeMs(0).setTopics(results);
    }

    private CreatableTopicResult create(CreatableTopic request, boolean validateOnly) {
        registry.checkNewName(request.name());
        int partitionCount = partitionCount(request);
        Map<String, String> configs = new HashMap<>();
        for (CreatableTopicConfig config : request.configs()) {
            configs.put(config.name(), config.value());
        }
        Optional<String> badConfig = configPolicy.invalidReason(configs);
        if (badConfig.isPresent()) {
            throw new TopicException(ErrorCode.INVALID_CONFIG, badConfig.get());
        }
        Uuid id = Uuid.ZERO;
        if (validateOnly) {
            registry.checkCreate(request.name(), partitionCount);
        } else {
            Topic topic = registry.create(request.name(), partitionCount, configs);
            id = topic.id();
        }
        return new CreatableTopicResult()
                .setName(request.name())
                .setTopicId(id)
                .setErrorCode(ErrorCode.NONE.code())
                .setErrorMessage(null)
                .setNumPartitions(partitionCount)
                .setReplicationFactor((short) 1)
                .setConfigs(describeConfigs(describer, configs));
    }

    /** @return the partition count after every partition, replication and assignment check */
    private int partitionCount(CreatableTopic request) {
        if (!request.assignments().isEmpty()) {
            if (request.numPartitions() != -1 || request.replicationFactor() != -1) {
                throw new TopicException(ErrorCode.INVALID_REQUEST, "Both numPartitions or replicationFactor and "
                        + "replicasAssignments were set. Both cannot be used at the same time.");
            }
            checkAssignments(request.assignments());
            return request.assignments().size();
        }
        short replicationFactor = request.replicationFactor() == -1
                ? defaults.defaultReplicationFactor() : request.replicationFactor();
        Optional<String> replicationProblem = SingleNodeReplication.replicationFactorProblem(replicationFactor);
        if (replicationProblem.isPresent()) {
            throw new TopicException(ErrorCode.INVALID_REPLICATION_FACTOR, replicationProblem.get());
        }
        int partitionCount = request.numPartitions() == -1 ? defaults.numPartitions() : request.numPartitions();
        if (partitionCount < 1) {
            throw new TopicException(ErrorCode.INVALID_PARTITIONS,
                    "Number of partitions was set to an invalid non-positive value.");
        }
        return partitionCount;
    }

    private void checkAssignments(List<CreatableReplicaAssignment> assignments) {
        boolean[] seen = new boolean[assignments.size()];
        for (CreatableReplicaAssignment assignment : assignments) {
            int index = assignment.partitionIndex();
            if (index < 0 || index >= seen.length || seen[index]) {
                throw new TopicException(ErrorCode.INVALID_REPLICA_ASSIGNMENT,
                        "Partitions should be a consecutive 0-based integer sequence; got partition " + index);
            }
            seen[index] = true;
            Optional<String> problem = SingleNodeReplication.assignmentProblem(assignment.brokerIds(), localBroker.get().nodeId());
            if (problem.isPresent()) {
                throw new TopicException(ErrorCode.INVALID_REPLICA_ASSIGNMENT, problem.get());
            }
        }
    }

    /** @return the topic's full config as CreateTopics v5+ reports it: the overrides over the defaults */
    static List<CreatableTopicConfigs> describeConfigs(TopicConfigDescriber describer, Map<String, String> overrides) {
        List<CreatableTopicConfigs> configs = new ArrayList<>();
        for (TopicConfigDescriber.DescribedConfig described : describer.describe(overrides)) {
            configs.add(new CreatableTopicConfigs()
                    .setName(described.value().name())
                    .setValue(described.value().value())
                    .setReadOnly(false)
                    .setConfigSource(described.value().source().id())
                    .setIsSensitive(false));
        }
        return configs;
    }

    private static CreatableTopicResult error(String name, ErrorCode error, String message) {
        return new CreatableTopicResult().setName(name).setErrorCode(error.code()).setErrorMessage(message);
    }
}
