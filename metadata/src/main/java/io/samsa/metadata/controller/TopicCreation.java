package io.samsa.metadata.controller;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.CreatePartitionsTopic;
import io.samsa.metadata.controller.api.CreateTopicResult;
import io.samsa.metadata.controller.api.TopicResult;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.records.MetadataRecords;
import io.samsa.metadata.records.Uuids;
import io.samsa.metadata.records.proto.ConfigResourceType;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * CreateTopics and CreatePartitions: validation with Kafka's errors, replica placement (or
 * checking the client's assignment), and the TopicRecord/PartitionRecord/ConfigRecord records.
 * A new partition's ISR is its live replicas and its leader the first of them. Each topic of a
 * request succeeds or fails alone.
 *
 * <p>Not thread-safe: the controller thread owns it (it remembers where placement stopped, a
 * hint only: placement stays valid whatever the value).
 */
final class TopicCreation {
    /** Kafka's maximum topic name length. */
    static final int MAX_NAME_LENGTH = 249;

    private final ControllerConfig config;
    private final Supplier<Uuid> topicIds;
    private int placementStart;

    /** @param topicIds where new topic ids come from (random in production, fixed in tests) */
    TopicCreation(ControllerConfig config, Supplier<Uuid> topicIds) {
        this.config = config;
        this.topicIds = topicIds;
    }

    ControllerResult<List<CreateTopicResult>> createTopics(MetadataImage image, List<CreatableTopic> topics,
                                                           boolean validateOnly) {
        List<MetadataRecord> records = new ArrayList<>();
        List<CreateTopicResult> results = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        topics.forEach(t -> {
            if (!names.add(t.name())) {
                duplicates.add(t.name());
            }
        });
        int partitionBudget = config.maxPartitionsPerRequest();
        for (CreatableTopic topic : topics) {
            if (duplicates.contains(topic.name())) {
                results.add(failed(topic.name(), ApiError.of(ErrorCode.INVALID_REQUEST, "Duplicate topic name.")));
                continue;
            }
            List<MetadataRecord> topicRecords = new ArrayList<>();
            ApiError error = createTopic(image, topic, topicRecords, partitionBudget);
            if (error.isError()) {
                results.add(failed(topic.name(), error));
                continue;
            }
            MetadataRecord topicRecord = topicRecords.get(0);
            int partitions = (int) topicRecords.stream().filter(MetadataRecord::hasPartition).count();
            partitionBudget -= partitions;
            short rf = (short) topicRecords.get(1).getPartition().getReplicasCount();
            results.add(new CreateTopicResult(topic.name(), Uuids.fromProto(
                    topicRecord.getTopic().getTopicId()), ApiError.NONE, partitions, rf));
            if (!validateOnly) {
                records.addAll(topicRecords);
            }
        }
        return ControllerResult.of(records, results);
    }

    private static CreateTopicResult failed(String name, ApiError error) {
        return new CreateTopicResult(name, Uuid.ZERO, error, -1, (short) -1);
    }

    private ApiError createTopic(MetadataImage image, CreatableTopic topic, List<MetadataRecord> records,
                                 int partitionBudget) {
        ApiError nameError = validateName(topic.name());
        if (nameError.isError()) {
            return nameError;
        }
        if (image.topic(topic.name()) != null) {
            return ApiError.of(ErrorCode.TOPIC_ALREADY_EXISTS, "Topic '" + topic.name() + "' already exists.");
        }
        List<List<Integer>> assignment;
        if (!topic.assignments().isEmpty()) {
            if (topic.numPartitions() != -1) {
                return ApiError.of(ErrorCode.INVALID_REQUEST,
                        "A manual partition assignment was specified, but numPartitions was not set to -1.");
            }
            if (topic.replicationFactor() != -1) {
                return ApiError.of(ErrorCode.INVALID_REQUEST,
                        "A manual partition assignment was specified, but replicationFactor was not set to -1.");
            }
            assignment = new ArrayList<>();
            for (int p = 0; p < topic.assignments().size(); p++) {
                List<Integer> replicas = topic.assignments().get(p);
                if (replicas == null) {
                    return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "Partitions should be a consecutive "
                            + "0-based integer sequence, but partition " + p + " is missing.");
                }
                assignment.add(replicas);
            }
        } else {
            int partitions = topic.numPartitions() == -1 ? config.defaultPartitions() : topic.numPartitions();
            int rf = topic.replicationFactor() == -1 ? config.defaultReplicationFactor() : topic.replicationFactor();
            if (partitions <= 0) {
                return ApiError.of(ErrorCode.INVALID_PARTITIONS,
                        "Number of partitions was set to an invalid non-positive value.");
            }
            if (rf <= 0) {
                return ApiError.of(ErrorCode.INVALID_REPLICATION_FACTOR,
                        "Replication factor must be larger than 0, or -1 to use the default value.");
            }
            if (partitions > partitionBudget) {
                return tooLarge();
            }
            assignment = new ArrayList<>();
            ApiError placementError = place(image, partitions, rf, assignment);
            if (placementError.isError()) {
                return placementError;
            }
        }
        if (assignment.size() > partitionBudget) {
            return tooLarge();
        }
        Uuid topicId = topicIds.get();
        records.add(MetadataRecords.topic(topic.name(), topicId));
        ApiError partitionsError = addPartitions(image, topicId, 0, assignment, -1, records);
        if (partitionsError.isError()) {
            records.clear();
            return partitionsError;
        }
        topic.configs().forEach((key, value) -> records.add(
                MetadataRecords.config(ConfigResourceType.CONFIG_RESOURCE_TOPIC, topic.name(), key, value)));
        return ApiError.NONE;
    }

    private ApiError tooLarge() {
        return ApiError.of(ErrorCode.INVALID_REQUEST, "Unable to create more than " + config.maxPartitionsPerRequest()
                + " partitions in one request (" + ControllerConfig.MAX_PARTITIONS_PER_REQUEST + ").");
    }

    /**
     * Validates explicit replica lists (when {@code expectedReplicas} >= 0 each must have that many)
     * and appends a PartitionRecord per partition, from index {@code firstIndex}.
     */
    private static ApiError addPartitions(MetadataImage image, Uuid topicId, int firstIndex,
                                          List<List<Integer>> assignment, int expectedReplicas,
                                          List<MetadataRecord> records) {
        int replicasPerPartition = expectedReplicas >= 0 ? expectedReplicas : assignment.get(0).size();
        for (int i = 0; i < assignment.size(); i++) {
            List<Integer> replicas = assignment.get(i);
            ApiError error = ReplicaAssignments.validate(image, replicas);
            if (error.isError()) {
                return error;
            }
            if (replicas.size() != replicasPerPartition) {
                return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, expectedReplicas >= 0
                        ? "The manual partition assignment includes a partition with " + replicas.size()
                            + " replica(s), but this is not consistent with previous partitions, which have "
                            + expectedReplicas + " replica(s)."
                        : "All partitions in the manual partition assignment must have the same number of replicas.");
            }
            List<Integer> isr = replicas.stream().filter(image::isActive).toList();
            if (isr.isEmpty()) {
                return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "All brokers specified in the manual partition "
                        + "assignment for partition " + (firstIndex + i) + " are fenced or in controlled shutdown.");
            }
            records.add(MetadataRecords.partition(topicId, firstIndex + i, replicas, isr, List.of(), List.of(),
                    isr.get(0), 0, 0));
        }
        return ApiError.NONE;
    }

    ControllerResult<List<TopicResult>> createPartitions(MetadataImage image, List<CreatePartitionsTopic> topics,
                                                         boolean validateOnly) {
        List<MetadataRecord> records = new ArrayList<>();
        List<TopicResult> results = new ArrayList<>();
        int partitionBudget = config.maxPartitionsPerRequest();
        for (CreatePartitionsTopic request : topics) {
            TopicImage topic = image.topic(request.name());
            List<MetadataRecord> topicRecords = new ArrayList<>();
            ApiError error = topic == null ? ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                    "Unknown topic " + request.name())
                    : createPartitions(image, topic, request, topicRecords, partitionBudget);
            results.add(new TopicResult(request.name(), topic == null ? Uuid.ZERO : topic.id(), error));
            if (!error.isError()) {
                partitionBudget -= topicRecords.size();
                if (!validateOnly) {
                    records.addAll(topicRecords);
                }
            }
        }
        return ControllerResult.of(records, results);
    }

    private ApiError createPartitions(MetadataImage image, TopicImage topic, CreatePartitionsTopic request,
                                      List<MetadataRecord> records, int partitionBudget) {
        int current = topic.partitions().size();
        if (request.count() < current) {
            return ApiError.of(ErrorCode.INVALID_PARTITIONS, "The topic " + topic.name() + " currently has " + current
                    + " partition(s); " + request.count() + " would not be an increase.");
        }
        if (request.count() == current) {
            return ApiError.of(ErrorCode.INVALID_PARTITIONS, "Topic already has " + current + " partition(s).");
        }
        int additional = request.count() - current;
        if (additional > partitionBudget) {
            return tooLarge();
        }
        PartitionRegistration first = topic.partition(0);
        int rf = first == null ? 1 : first.replicas().length;
        List<List<Integer>> assignment;
        if (!request.assignments().isEmpty()) {
            if (request.assignments().size() != additional) {
                return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "Attempted to add " + additional
                        + " additional partition(s), but only " + request.assignments().size()
                        + " assignment(s) were specified.");
            }
            assignment = request.assignments();
        } else {
            assignment = new ArrayList<>();
            ApiError placementError = place(image, additional, rf, assignment);
            if (placementError.isError()) {
                return placementError;
            }
        }
        return addPartitions(image, topic.id(), current, assignment, rf, records);
    }

    /**
     * Places {@code partitions} new partitions over the usable brokers into {@code out}, continuing
     * the rotation where the last placement stopped: over racks when the brokers span two or more.
     *
     * @return NONE, or INVALID_REPLICATION_FACTOR when too few brokers are usable
     */
    private ApiError place(MetadataImage image, int partitions, int replicationFactor, List<List<Integer>> out) {
        List<Integer> brokers = ReplicaAssignments.usableBrokers(image);
        ApiError error = ReplicaAssignments.checkReplicationFactor(replicationFactor, brokers.size());
        if (!error.isError()) {
            Map<Integer, String> racks = ReplicaAssignments.racks(image, brokers);
            out.addAll(RackAwarePlacer.applies(racks)
                    ? RackAwarePlacer.place(racks, placementStart, partitions, replicationFactor)
                    : ReplicaPlacer.place(brokers, placementStart, partitions, replicationFactor));
            placementStart += partitions;
        }
        return error;
    }

    /** @return NONE, or INVALID_TOPIC_EXCEPTION with Kafka's message for an illegal name */
    static ApiError validateName(String name) {
        if (name == null || name.isEmpty()) {
            return ApiError.of(ErrorCode.INVALID_TOPIC_EXCEPTION, "Topic name is illegal, it can't be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return ApiError.of(ErrorCode.INVALID_TOPIC_EXCEPTION, "Topic name cannot be \".\" or \"..\"");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return ApiError.of(ErrorCode.INVALID_TOPIC_EXCEPTION, "Topic name is illegal, it can't be longer than "
                    + MAX_NAME_LENGTH + " characters, topic name: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                return ApiError.of(ErrorCode.INVALID_TOPIC_EXCEPTION, "Topic name \"" + name
                        + "\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'");
            }
        }
        return ApiError.NONE;
    }
}
