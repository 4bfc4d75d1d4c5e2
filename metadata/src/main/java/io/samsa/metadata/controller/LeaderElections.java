package io.samsa.metadata.controller;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.ElectionType;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ElectLeaders. PREFERRED: a partition already led by its first replica gets ELECTION_NOT_NEEDED;
 * one whose first replica is fenced or out of the ISR gets PREFERRED_LEADER_NOT_AVAILABLE.
 * UNCLEAN: a partition with a leader gets ELECTION_NOT_NEEDED; one with no live replica gets
 * ELIGIBLE_LEADERS_NOT_AVAILABLE. Asked for all partitions, the answer leaves out the
 * ELECTION_NOT_NEEDED ones, as Kafka does. Stateless.
 */
final class LeaderElections {
    private LeaderElections() {
    }

    /** @param partitions the partitions to elect for; empty: all */
    static ControllerResult<Map<TopicPartitionName, ApiError>> elect(MetadataImage image, ElectionType type,
                                                                     Optional<List<TopicPartitionName>> partitions) {
        List<MetadataRecord> records = new ArrayList<>();
        Map<TopicPartitionName, ApiError> results = new LinkedHashMap<>();
        if (partitions.isPresent()) {
            partitions.get().forEach(name -> results.put(name, elect(image, type, name, records)));
        } else {
            for (TopicImage topic : image.topicsById().values()) {
                for (int index : topic.partitions().keySet()) {
                    TopicPartitionName name = new TopicPartitionName(topic.name(), index);
                    ApiError error = elect(image, type, name, records);
                    if (error.error() != ErrorCode.ELECTION_NOT_NEEDED) {
                        results.put(name, error);
                    }
                }
            }
        }
        return ControllerResult.of(records, results);
    }

    private static ApiError elect(MetadataImage image, ElectionType type, TopicPartitionName name,
                                  List<MetadataRecord> records) {
        TopicImage topic = image.topic(name.topic());
        if (topic == null) {
            return ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "No such topic as " + name.topic());
        }
        PartitionRegistration partition = topic.partition(name.partition());
        if (partition == null) {
            return ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "No such partition as " + name);
        }
        if ((type == ElectionType.PREFERRED && partition.leader() == partition.preferredLeader())
                || (type == ElectionType.UNCLEAN && partition.hasLeader())) {
            return ApiError.of(ErrorCode.ELECTION_NOT_NEEDED);
        }
        PartitionChangeBuilder builder = new PartitionChangeBuilder(topic.id(), name.partition(), partition,
                image::isActive, false).setElection(type == ElectionType.PREFERRED
                ? PartitionChangeBuilder.Election.PREFERRED : PartitionChangeBuilder.Election.UNCLEAN);
        Optional<MetadataRecord> record = builder.build();
        if (record.isEmpty()) {
            return ApiError.of(type == ElectionType.PREFERRED ? ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE
                    : ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE);
        }
        records.add(record.get());
        return ApiError.NONE;
    }
}
