package io.samsa.coordinator.consumer;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.List;
import java.util.Objects;

/**
 * One group of a ConsumerGroupDescribe response in domain terms. Immutable; thread-safe.
 *
 * @param error           NONE, GROUP_ID_NOT_FOUND (unknown, or not a consumer group) or a coordinator error
 * @param errorMessage    why, or null
 * @param state           Kafka's state name ("Stable", "Reconciling", ...)
 * @param assignorName    the assignor the group uses now
 * @param members         the members, by member id
 */
public record DescribedConsumerGroup(String groupId, ErrorCode error, String errorMessage, String state, int groupEpoch,
                                     int assignmentEpoch, String assignorName, List<Member> members) {
    public DescribedConsumerGroup {
        Objects.requireNonNull(error, "error");
        members = List.copyOf(members);
    }

    public static DescribedConsumerGroup failed(String groupId, ErrorCode error, String message) {
        return new DescribedConsumerGroup(groupId, error, message, "", 0, 0, "", List.of());
    }

    /**
     * One member; assignments list only topics that still exist.
     *
     * @param classic true for a member speaking the classic protocol inside the group (online migration)
     */
    public record Member(String memberId, String instanceId, String rackId, int memberEpoch, String clientId, String clientHost,
                         List<String> subscribedTopicNames, String subscribedTopicRegex, List<NamedPartitions> assignment,
                         List<NamedPartitions> targetAssignment, boolean classic) {
    }

    /** The partitions of one topic, with its name. */
    public record NamedPartitions(Uuid topicId, String topicName, List<Integer> partitions) {
    }
}
