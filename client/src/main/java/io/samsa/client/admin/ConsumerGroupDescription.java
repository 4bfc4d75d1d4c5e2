package io.samsa.client.admin;

import io.samsa.client.common.Node;
import java.util.List;

/**
 * A described consumer group. Immutable.
 *
 * @param partitionAssignor the chosen assignor ("range", ...), empty when the group is not stable
 * @param state             "Stable", "Empty", "PreparingRebalance", "CompletingRebalance", ...
 */
public record ConsumerGroupDescription(String groupId, boolean simpleConsumerGroup, List<MemberDescription> members,
                                       String partitionAssignor, String state, Node coordinator) {
    public ConsumerGroupDescription {
        members = List.copyOf(members);
    }
}
