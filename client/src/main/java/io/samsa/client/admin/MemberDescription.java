package io.samsa.client.admin;

import io.samsa.client.common.TopicPartition;
import java.util.Optional;
import java.util.Set;

/**
 * One member of a described consumer group, with the partitions its last assignment gave it
 * (decoded from the embedded consumer protocol). Immutable.
 */
public record MemberDescription(String memberId, Optional<String> groupInstanceId, String clientId, String host,
                                Set<TopicPartition> assignment) {
    public MemberDescription {
        assignment = Set.copyOf(assignment);
    }
}
