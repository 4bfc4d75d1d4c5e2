package io.samsa.broker.admin;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.ElectionType;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ElectLeadersRequest;
import io.samsa.protocol.message.ElectLeadersRequest.TopicPartitions;
import io.samsa.protocol.message.ElectLeadersResponse;
import io.samsa.protocol.message.ElectLeadersResponse.PartitionResult;
import io.samsa.protocol.message.ElectLeadersResponse.ReplicaElectionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * ElectLeaders (key 43), v0 to 2, cluster mode only: the active controller elects, per
 * partition, the preferred leader (type 0; v0 has only this) or, for a partition without a
 * leader, any live replica (type 1, UNCLEAN). Kafka's answers: ELECTION_NOT_NEEDED (already led
 * by the preferred replica, or UNCLEAN on a partition with a leader), PREFERRED_LEADER_NOT_AVAILABLE
 * (the preferred replica is fenced or out of the ISR), ELIGIBLE_LEADERS_NOT_AVAILABLE,
 * UNKNOWN_TOPIC_OR_PARTITION. A null partition list means every partition, and the answer then
 * leaves out those that needed no election. An unknown election type is INVALID_REQUEST. A failed
 * forward answers NOT_CONTROLLER or REQUEST_TIMED_OUT (top level from v1, and on every partition
 * asked for). Asynchronous, never blocks. Thread-safe.
 */
public final class ElectLeadersHandler extends MessageHandler<ElectLeadersRequest, ElectLeadersResponse> {
    private final ControllerChannel controller;

    public ElectLeadersHandler(ControllerChannel controller) {
        super(ApiKey.ELECT_LEADERS);
        this.controller = controller;
    }

    @Override
    protected CompletableFuture<ElectLeadersResponse> handle(RequestContext context, ElectLeadersRequest request) {
        Optional<List<TopicPartitionName>> partitions = Optional.empty();
        if (request.topicPartitions() != null) {
            Set<TopicPartitionName> asked = new LinkedHashSet<>();
            for (TopicPartitions topic : request.topicPartitions()) {
                topic.partitions().forEach(partition -> asked.add(new TopicPartitionName(topic.topic(), partition)));
            }
            partitions = Optional.of(List.copyOf(asked));
        }
        ElectionType type = request.electionType() == ElectionType.PREFERRED.value() ? ElectionType.PREFERRED
                : request.electionType() == ElectionType.UNCLEAN.value() ? ElectionType.UNCLEAN : null;
        if (type == null) {
            return CompletableFuture.completedFuture(failed(partitions, ApiError.of(ErrorCode.INVALID_REQUEST,
                    "Unknown election type " + request.electionType())));
        }
        Optional<List<TopicPartitionName>> asked = partitions;
        return controller.forward(ControllerRpcs.electLeaders(type, partitions), request.timeoutMs())
                .handle((results, failure) -> failure != null
                        ? failed(asked, ControllerChannel.clientError(failure))
                        : response(results).setErrorCode(ErrorCode.NONE.code()));
    }

    private static ElectLeadersResponse failed(Optional<List<TopicPartitionName>> partitions, ApiError error) {
        Map<TopicPartitionName, ApiError> results = new LinkedHashMap<>();
        partitions.orElse(List.of()).forEach(partition -> results.put(partition, error));
        return response(results).setErrorCode(error.error().code());
    }

    private static ElectLeadersResponse response(Map<TopicPartitionName, ApiError> results) {
        Map<String, List<PartitionResult>> byTopic = new LinkedHashMap<>();
        results.forEach((partition, error) -> byTopic.computeIfAbsent(partition.topic(), t -> new ArrayList<>())
                .add(new PartitionResult()
                        .setPartitionId(partition.partition())
                        .setErrorCode(error.error().code())
                        .setErrorMessage(error.isError() ? error.message() : null)));
        List<ReplicaElectionResult> topics = new ArrayList<>();
        byTopic.forEach((topic, partitionResults) -> topics.add(new ReplicaElectionResult()
                .setTopic(topic).setPartitionResult(partitionResults)));
        return new ElectLeadersResponse().setThrottleTimeMs(0).setReplicaElectionResults(topics);
    }
}
