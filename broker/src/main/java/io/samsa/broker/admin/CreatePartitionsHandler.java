package io.samsa.broker.admin;

import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicException;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.CreatePartitionsRequest;
import io.samsa.protocol.message.CreatePartitionsRequest.CreatePartitionsAssignment;
import io.samsa.protocol.message.CreatePartitionsRequest.CreatePartitionsTopic;
import io.samsa.protocol.message.CreatePartitionsResponse;
import io.samsa.protocol.message.CreatePartitionsResponse.CreatePartitionsTopicResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Optional;

/**
 * CreatePartitions (key 37), v0 to 3: grows topics to a new partition count. Per topic: a name
 * listed twice INVALID_REQUEST (one result), unknown UNKNOWN_TOPIC_OR_PARTITION, a count not above
 * the current one (or above the registry's limit) INVALID_PARTITIONS, assignments whose number
 * differs from the partitions added or that name any broker but this one, once,
 * INVALID_REPLICA_ASSIGNMENT. validate_only checks and changes nothing. The registry's listeners
 * (storage) open the new partitions' logs.
 *
 * <p>Thread-safe; changes are serialised by the registry.
 */
public final class CreatePartitionsHandler implements SynchronousHandler<CreatePartitionsRequest, CreatePartitionsResponse> {
    private final TopicRegistry registry;
    private final Supplier<LocalBroker> localBroker;

    public CreatePartitionsHandler(TopicRegistry registry, Supplier<LocalBroker> localBroker) {
        this.registry = registry;
        this.localBroker = localBroker;
    }

    @Override
    public ApiKey api() {
        return ApiKey.CREATE_PARTITIONS;
    }

    @Override
    public CreatePartitionsResponse handle(CreatePartitionsRequest request, short apiVersion) {
        Map<String, Integer> occurrences = new HashMap<>();
        for (CreatePartitionsTopic topic : request.topics()) {
            occurrences.merge(topic.name(), 1, Integer::sum);
        }
        List<CreatePartitionsTopicResult> results = new ArrayList<>(occurrences.size());
        for (CreatePartitionsTopic topic : request.topics()) {
            Integer count = occurrences.remove(topic.name());
            if (count == null) {
                continue; // a duplicate already answered
            }
            if (count > 1) {
                results.add(result(topic.name(), ErrorCode.INVALID_REQUEST, "Duplicate topic name."));
                continue;
            }
            try {
                grow(topic, request.validateOnly());
                results.add(result(topic.name(), ErrorCode.NONE, null));
            } catch (TopicException e) {
                results.add(result(topic.name(), e.error(), e.getMessage()));
            }
        }
        return new CreatePartitionsResponse().setThrottleTimeMs(0).setResults(results);
    }

    private void grow(CreatePartitionsTopic request, boolean validateOnly) {
        Topic current = registry.checkAddPartitions(request.name(), request.count());
        if (request.assignments() != null) {
            int added = request.count() - current.partitionCount();
            if (request.assignments().size() != added) {
                throw new TopicException(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "Increasing the number of partitions by "
                        + added + " but " + request.assignments().size() + " assignments provided.");
            }
            for (CreatePartitionsAssignment assignment : request.assignments()) {
                Optional<String> problem = SingleNodeReplication.assignmentProblem(assignment.brokerIds(), localBroker.get().nodeId());
                if (problem.isPresent()) {
                    throw new TopicException(ErrorCode.INVALID_REPLICA_ASSIGNMENT, problem.get());
                }
            }
        }
        if (!validateOnly) {
            registry.addPartitions(request.name(), request.count());
        }
    }

    private static CreatePartitionsTopicResult result(String name, ErrorCode error, String message) {
        return new CreatePartitionsTopicResult().setName(name).setErrorCode(error.code()).setErrorMessage(message);
    }
}
