package io.samsa.broker.admin;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.OngoingReassignment;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ListPartitionReassignmentsRequest;
import io.samsa.protocol.message.ListPartitionReassignmentsRequest.ListPartitionReassignmentsTopics;
import io.samsa.protocol.message.ListPartitionReassignmentsResponse;
import io.samsa.protocol.message.ListPartitionReassignmentsResponse.OngoingPartitionReassignment;
import io.samsa.protocol.message.ListPartitionReassignmentsResponse.OngoingTopicReassignment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ListPartitionReassignments (key 46), v0, cluster mode only: the reassignments in progress, as
 * the active controller knows them (replicas, adding, removing), for the partitions asked about or,
 * with a null topic list, all. Partitions that are not moving, or do not exist, are left out, as in
 * Kafka. A failed forward answers NOT_CONTROLLER or REQUEST_TIMED_OUT at the top level.
 * Asynchronous, never blocks. Thread-safe.
 */
public final class ListPartitionReassignmentsHandler
        extends MessageHandler<ListPartitionReassignmentsRequest, ListPartitionReassignmentsResponse> {
    private final ControllerChannel controller;

    public ListPartitionReassignmentsHandler(ControllerChannel controller) {
        super(ApiKey.LIST_PARTITION_REASSIGNMENTS);
        this.controller = controller;
    }

    @Override
    protected CompletableFuture<ListPartitionReassignmentsResponse> handle(
            RequestContext context, ListPartitionReassignmentsRequest request) {
        Optional<List<TopicPartitionName>> partitions = Optional.empty();
        if (request.topics() != null) {
            List<TopicPartitionName> asked = new ArrayList<>();
            for (ListPartitionReassignmentsTopics topic : request.topics()) {
                topic.partitionIndexes().forEach(partition -> asked.add(new TopicPartitionName(topic.name(), partition)));
            }
            partitions = Optional.of(asked);
        }
        return controller.forward(ControllerRpcs.listPartitionReassignments(partitions), request.timeoutMs())
                .handle((ongoing, failure) -> {
                    if (failure != null) {
                        ApiError error = ControllerChannel.clientError(failure);
                        return new ListPartitionReassignmentsResponse().setThrottleTimeMs(0)
                                .setErrorCode(error.error().code()).setErrorMessage(error.message());
                    }
                    return new ListPartitionReassignmentsResponse().setThrottleTimeMs(0)
                            .setErrorCode(ErrorCode.NONE.code()).setErrorMessage(null).setTopics(byTopic(ongoing));
                });
    }

    private static List<OngoingTopicReassignment> byTopic(List<OngoingReassignment> ongoing) {
        Map<String, List<OngoingPartitionReassignment>> byTopic = new LinkedHashMap<>();
        for (OngoingReassignment reassignment : ongoing) {
            byTopic.computeIfAbsent(reassignment.partition().topic(), t -> new ArrayList<>())
                    .add(new OngoingPartitionReassignment()
                            .setPartitionIndex(reassignment.partition().partition())
                            .setReplicas(new ArrayList<>(reassignment.replicas()))
                            .setAddingReplicas(new ArrayList<>(reassignment.adding()))
                            .setRemovingReplicas(new ArrayList<>(reassignment.removing())));
        }
        List<OngoingTopicReassignment> topics = new ArrayList<>();
        byTopic.forEach((topic, partitions) -> topics.add(new OngoingTopicReassignment()
                .setName(topic).setPartitions(partitions)));
        return topics;
    }
}
