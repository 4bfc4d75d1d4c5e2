package io.samsa.broker.admin;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.CreatePartitionsTopic;
import io.samsa.metadata.controller.api.TopicResult;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.CreatePartitionsRequest;
import io.samsa.protocol.message.CreatePartitionsRequest.CreatePartitionsAssignment;
import io.samsa.protocol.message.CreatePartitionsResponse;
import io.samsa.protocol.message.CreatePartitionsResponse.CreatePartitionsTopicResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * CreatePartitions (key 37), v0 to 3, in cluster mode: the active controller grows each topic,
 * placing the new partitions' replicas or checking the given assignments, with Kafka's errors
 * (UNKNOWN_TOPIC_OR_PARTITION, INVALID_PARTITIONS for a count not above the current one,
 * INVALID_REPLICA_ASSIGNMENT, INVALID_REPLICATION_FACTOR). A name listed twice is INVALID_REQUEST
 * here. A failed forward answers NOT_CONTROLLER or REQUEST_TIMED_OUT per topic. After a change,
 * waits (bounded) until this node's image holds the new partitions. Asynchronous, never blocks.
 * Thread-safe.
 */
public final class ClusterCreatePartitionsHandler
        extends MessageHandler<CreatePartitionsRequest, CreatePartitionsResponse> {
    private final ControllerChannel controller;

    public ClusterCreatePartitionsHandler(ControllerChannel controller) {
        super(ApiKey.CREATE_PARTITIONS);
        this.controller = controller;
    }

    @Override
    protected CompletableFuture<CreatePartitionsResponse> handle(RequestContext context,
                                                                 CreatePartitionsRequest request) {
        Map<String, Integer> occurrences = new HashMap<>();
        request.topics().forEach(topic -> occurrences.merge(topic.name(), 1, Integer::sum));
        Map<String, CreatePartitionsTopicResult> results = new LinkedHashMap<>();
        List<CreatePartitionsTopic> forwarded = new ArrayList<>();
        for (CreatePartitionsRequest.CreatePartitionsTopic topic : request.topics()) {
            if (results.containsKey(topic.name())) {
                continue; // a duplicate already answered
            }
            if (occurrences.get(topic.name()) > 1) {
                results.put(topic.name(), result(topic.name(), ApiError.of(ErrorCode.INVALID_REQUEST,
                        "Duplicate topic name.")));
                continue;
            }
            List<List<Integer>> assignments = new ArrayList<>();
            if (topic.assignments() != null) {
                for (CreatePartitionsAssignment assignment : topic.assignments()) {
                    assignments.add(List.copyOf(assignment.brokerIds()));
                }
            }
            results.put(topic.name(), result(topic.name(), ApiError.of(ErrorCode.UNKNOWN_SERVER_ERROR,
                    "no answer for the topic")));
            forwarded.add(new CreatePartitionsTopic(topic.name(), topic.count(), assignments));
        }
        if (forwarded.isEmpty()) {
            return CompletableFuture.completedFuture(response(results));
        }
        return controller.forward(ControllerRpcs.createPartitions(forwarded, request.validateOnly()),
                        request.timeoutMs())
                .handle((answers, failure) -> {
                    Map<String, Integer> grown = new HashMap<>();
                    if (failure != null) {
                        forwarded.forEach(topic -> results.put(topic.name(), result(topic.name(),
                                ControllerChannel.clientError(failure))));
                        return grown;
                    }
                    for (TopicResult answer : answers) {
                        results.put(answer.name(), result(answer.name(), answer.error()));
                    }
                    if (!request.validateOnly()) {
                        forwarded.stream().filter(topic -> !answerFailed(results.get(topic.name())))
                                .forEach(topic -> grown.put(topic.name(), topic.count()));
                    }
                    return grown;
                })
                .thenCompose(grown -> grown.isEmpty() ? CompletableFuture.completedFuture(null)
                        : controller.awaitImage(image -> grown.entrySet().stream().allMatch(topic -> {
                            TopicImage current = image.topic(topic.getKey());
                            return current == null || current.partitions().size() >= topic.getValue();
                        })))
                .thenApply(ignored -> response(results));
    }

    private static boolean answerFailed(CreatePartitionsTopicResult result) {
        return result.errorCode() != ErrorCode.NONE.code();
    }

    private static CreatePartitionsResponse response(Map<String, CreatePartitionsTopicResult> results) {
        return new CreatePartitionsResponse().setThrottleTimeMs(0).setResults(new ArrayList<>(results.values()));
    }

    private static CreatePartitionsTopicResult result(String name, ApiError error) {
        return new CreatePartitionsTopicResult().setName(name).setErrorCode(error.error().code())
                .setErrorMessage(error.isError() ? error.message() : null);
    }
}
