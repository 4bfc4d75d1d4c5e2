package io.samsa.broker.admin;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.Reassignment;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.AlterPartitionReassignmentsRequest;
import io.samsa.protocol.message.AlterPartitionReassignmentsRequest.ReassignablePartition;
import io.samsa.protocol.message.AlterPartitionReassignmentsRequest.ReassignableTopic;
import io.samsa.protocol.message.AlterPartitionReassignmentsResponse;
import io.samsa.protocol.message.AlterPartitionReassignmentsResponse.ReassignablePartitionResponse;
import io.samsa.protocol.message.AlterPartitionReassignmentsResponse.ReassignableTopicResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * AlterPartitionReassignments (key 45), v0 to 1, cluster mode only (KIP-455): the active
 * controller starts moving each partition to its target replicas (the new ones catch up from the
 * leader and the move completes once all of them are in the ISR) or, for null replicas, cancels
 * the move in progress. Kafka's answers per partition: UNKNOWN_TOPIC_OR_PARTITION,
 * INVALID_REPLICA_ASSIGNMENT (empty, duplicate or unregistered brokers),
 * NO_REASSIGNMENT_IN_PROGRESS (a cancel with nothing to cancel); with v1's
 * allow_replication_factor_change false, a target of another size than the partition's replicas
 * gets INVALID_REPLICATION_FACTOR (KIP-860), checked against this node's image. A partition listed
 * twice is INVALID_REQUEST. A failed forward answers NOT_CONTROLLER or REQUEST_TIMED_OUT, at the
 * top level and on every partition. Asynchronous, never blocks. Thread-safe.
 */
public final class AlterPartitionReassignmentsHandler
        extends MessageHandler<AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsResponse> {
    private final ControllerChannel controller;

    public AlterPartitionReassignmentsHandler(ControllerChannel controller) {
        super(ApiKey.ALTER_PARTITION_REASSIGNMENTS);
        this.controller = controller;
    }

    @Override
    protected CompletableFuture<AlterPartitionReassignmentsResponse> handle(
            RequestContext context, AlterPartitionReassignmentsRequest request) {
        MetadataImage image = controller.quorum().currentImage();
        Map<TopicPartitionName, ApiError> results = new LinkedHashMap<>();
        Map<TopicPartitionName, Integer> occurrences = new LinkedHashMap<>();
        for (ReassignableTopic topic : request.topics()) {
            for (ReassignablePartition partition : topic.partitions()) {
                occurrences.merge(new TopicPartitionName(topic.name(), partition.partitionIndex()), 1, Integer::sum);
            }
        }
        List<Reassignment> forwarded = new ArrayList<>();
        for (ReassignableTopic topic : request.topics()) {
            for (ReassignablePartition partition : topic.partitions()) {
                TopicPartitionName name = new TopicPartitionName(topic.name(), partition.partitionIndex());
                if (results.containsKey(name)) {
                    continue;
                }
                Optional<ApiError> refused = occurrences.get(name) > 1
                        ? Optional.of(ApiError.of(ErrorCode.INVALID_REQUEST, "Duplicate partition " + name))
                        : replicationFactorChange(image, name, partition.replicas(),
                                request.allowReplicationFactorChange());
                results.put(name, refused.orElse(ApiError.of(ErrorCode.UNKNOWN_SERVER_ERROR, "no answer")));
                if (refused.isEmpty()) {
                    forwarded.add(new Reassignment(name, Optional.ofNullable(partition.replicas()).map(List::copyOf)));
                }
            }
        }
        if (forwarded.isEmpty()) {
            return CompletableFuture.completedFuture(response(results, ApiError.NONE, request));
        }
        return controller.forward(ControllerRpcs.alterPartitionReassignments(forwarded), request.timeoutMs())
                .handle((answers, failure) -> {
                    if (failure != null) {
                        ApiError error = ControllerChannel.clientError(failure);
                        forwarded.forEach(reassignment -> results.put(reassignment.partition(), error));
                        return response(results, error, request);
                    }
                    results.putAll(answers);
                    return response(results, ApiError.NONE, request);
                });
    }

    /** KIP-860: with allow_replication_factor_change false, the target must keep the replica count. */
    private static Optional<ApiError> replicationFactorChange(MetadataImage image, TopicPartitionName name,
                                                              List<Integer> target, boolean allowed) {
        TopicImage topic = image.topic(name.topic());
        PartitionRegistration partition = topic == null ? null : topic.partition(name.partition());
        if (allowed || target == null || partition == null) {
            return Optional.empty();
        }
        int current = partition.replicas().length - partition.addingReplicas().length;
        if (target.size() == current) {
            return Optional.empty();
        }
        return Optional.of(ApiError.of(ErrorCode.INVALID_REPLICATION_FACTOR, "The replication factor is changed from "
                + current + " to " + target.size()));
    }

    private static AlterPartitionReassignmentsResponse response(Map<TopicPartitionName, ApiError> results,
                                                                ApiError topLevel,
                                                                AlterPartitionReassignmentsRequest request) {
        Map<String, List<ReassignablePartitionResponse>> byTopic = new LinkedHashMap<>();
        results.forEach((partition, error) -> byTopic.computeIfAbsent(partition.topic(), t -> new ArrayList<>())
                .add(new ReassignablePartitionResponse()
                        .setPartitionIndex(partition.partition())
                        .setErrorCode(error.error().code())
                        .setErrorMessage(error.isError() ? error.message() : null)));
        List<ReassignableTopicResponse> topics = new ArrayList<>();
        byTopic.forEach((topic, partitions) -> topics.add(new ReassignableTopicResponse()
                .setName(topic).setPartitions(partitions)));
        return new AlterPartitionReassignmentsResponse()
                .setThrottleTimeMs(0)
                .setAllowReplicationFactorChange(request.allowReplicationFactorChange())
                .setErrorCode(topLevel.error().code())
                .setErrorMessage(topLevel.isError() ? topLevel.message() : null)
                .setResponses(topics);
    }
}
