package io.samsa.broker.admin;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.metadata.TopicConfigPolicy;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.CreateTopicResult;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.CreateTopicsRequest;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableReplicaAssignment;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableTopic;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableTopicConfig;
import io.samsa.protocol.message.CreateTopicsResponse;
import io.samsa.protocol.message.CreateTopicsResponse.CreatableTopicResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * CreateTopics (key 19), v2 to 7, in cluster mode: the topics go to the active controller, which
 * places the replicas over the unfenced brokers (replication factor and partition count, -1 for
 * {@code default.replication.factor} / {@code num.partitions}) or checks an explicit assignment,
 * and answers Kafka's per-topic errors (INVALID_REPLICATION_FACTOR when the factor exceeds the
 * unfenced brokers, INVALID_REPLICA_ASSIGNMENT, TOPIC_ALREADY_EXISTS, INVALID_TOPIC_EXCEPTION,
 * INVALID_PARTITIONS, INVALID_REQUEST). Checked here first: a name listed twice (INVALID_REQUEST)
 * and configs the {@link TopicConfigPolicy} rejects (INVALID_CONFIG). validate_only runs the
 * controller's checks and writes nothing. A forward that fails answers each topic with
 * NOT_CONTROLLER or REQUEST_TIMED_OUT, which the Admin client retries.
 *
 * <p>Answers asynchronously: after a successful create it waits (bounded) until this node's
 * image holds the topics, so the client's next Metadata here sees them. Never blocks a thread.
 * Thread-safe.
 */
public final class ClusterCreateTopicsHandler extends MessageHandler<CreateTopicsRequest, CreateTopicsResponse> {
    private final ControllerChannel controller;
    private final TopicConfigPolicy configPolicy;
    private final TopicConfigDescriber describer;

    public ClusterCreateTopicsHandler(ControllerChannel controller, TopicConfigPolicy configPolicy) {
        super(ApiKey.CREATE_TOPICS);
        this.controller = controller;
        this.configPolicy = configPolicy;
        this.describer = new TopicConfigDescriber(configPolicy);
    }

    @Override
    protected CompletableFuture<CreateTopicsResponse> handle(RequestContext context, CreateTopicsRequest request) {
        Set<String> duplicates = new HashSet<>();
        Map<String, CreatableTopic> unique = new LinkedHashMap<>();
        for (CreatableTopic topic : request.topics()) {
            if (unique.putIfAbsent(topic.name(), topic) != null) {
                duplicates.add(topic.name());
            }
        }
        Map<String, CreatableTopicResult> results = new LinkedHashMap<>();
        Map<String, Map<String, String>> configsByTopic = new HashMap<>();
        List<io.samsa.metadata.controller.api.CreatableTopic> forwarded = new ArrayList<>();
        for (CreatableTopic topic : unique.values()) {
            results.put(topic.name(), null);
            if (duplicates.contains(topic.name())) {
                results.put(topic.name(), error(topic.name(), ApiError.of(ErrorCode.INVALID_REQUEST,
                        "Create topics request contains multiple entries for the topic " + topic.name())));
                continue;
            }
            Map<String, String> configs = new HashMap<>();
            for (CreatableTopicConfig config : topic.configs()) {
                configs.put(config.name(), config.value());
            }
            Optional<String> badConfig = configPolicy.invalidReason(configs);
            if (badConfig.isPresent()) {
                results.put(topic.name(), error(topic.name(), ApiError.of(ErrorCode.INVALID_CONFIG, badConfig.get())));
                continue;
            }
            configsByTopic.put(topic.name(), configs);
            forwarded.add(toController(topic, configs));
        }
        if (forwarded.isEmpty()) {
            return CompletableFuture.completedFuture(response(results));
        }
        return controller.forward(ControllerRpcs.createTopics(forwarded, request.validateOnly()), request.timeoutMs())
                .handle((created, failure) -> {
                    List<String> toSee = new ArrayList<>();
                    for (io.samsa.metadata.controller.api.CreatableTopic topic : forwarded) {
                        results.put(topic.name(), error(topic.name(), failure == null ? ApiError.of(
                                ErrorCode.UNKNOWN_SERVER_ERROR, "no answer for the topic")
                                : ControllerChannel.clientError(failure)));
                    }
                    if (failure == null) {
                        for (CreateTopicResult result : created) {
                            results.put(result.name(), result.error().isError() ? error(result.name(), result.error())
                                    : success(result, configsByTopic.getOrDefault(result.name(), Map.of()),
                                    request.validateOnly()));
                            if (!result.error().isError() && !request.validateOnly()) {
                                toSee.add(result.name());
                            }
                        }
                    }
                    return toSee;
                })
                .thenCompose(toSee -> toSee.isEmpty() ? CompletableFuture.completedFuture(null)
                        : controller.awaitImage(image -> toSee.stream().allMatch(name -> image.topic(name) != null)))
                .thenApply(ignored -> response(results));
    }

    private static io.samsa.metadata.controller.api.CreatableTopic toController(CreatableTopic topic,
                                                                               Map<String, String> configs) {
        Map<Integer, List<Integer>> assignments = new HashMap<>();
        for (CreatableReplicaAssignment assignment : topic.assignments()) {
            assignments.put(assignment.partitionIndex(), List.copyOf(assignment.brokerIds()));
        }
        return new io.samsa.metadata.controller.api.CreatableTopic(topic.name(), topic.numPartitions(),
                topic.replicationFactor(), assignments, configs);
    }

    private CreatableTopicResult success(CreateTopicResult result, Map<String, String> configs, boolean validateOnly) {
        return new CreatableTopicResult()
                .setName(result.name())
                .setTopicId(validateOnly ? io.samsa.protocol.types.Uuid.ZERO : result.topicId())
                .setErrorCode(ErrorCode.NONE.code())
                .setErrorMessage(null)
                .setNumPartitions(result.numPartitions())
                .setReplicationFactor(result.replicationFactor())
                .setConfigs(CreateTopicsHandler.describeConfigs(describer, configs));
    }

    private static CreateTopicsResponse response(Map<String, CreatableTopicResult> results) {
        return new CreateTopicsResponse().setThrottleTimeMs(0).setTopics(new ArrayList<>(results.values()));
    }

    private static CreatableTopicResult error(String name, ApiError error) {
        return new CreatableTopicResult().setName(name).setErrorCode(error.error().code())
                .setErrorMessage(error.message());
    }
}
