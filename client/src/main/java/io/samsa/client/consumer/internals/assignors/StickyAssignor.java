package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerGroupMetadata;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kafka's eager {@code sticky} assignor. Because the eager protocol revokes everything before a
 * rebalance, a member's previous assignment travels in its subscription user data
 * ({@link StickyUserDataCodec}, Kafka's layout), together with the generation it was assigned in.
 *
 * <p>Not thread-safe; one consumer thread uses an assignor at a time.
 */
public class StickyAssignor extends AbstractStickyAssignor {
    private List<TopicPartition> memberAssignment;
    private int generation = DEFAULT_GENERATION;

    @Override
    public String name() {
        return Assignors.STICKY;
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        memberAssignment = assignment.partitions();
        generation = metadata.generationId();
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return memberAssignment == null ? null : StickyUserDataCodec.encode(memberAssignment, generation);
    }

    @Override
    protected StickyMemberData memberData(Subscription subscription) {
        ByteBuffer userData = subscription.userData();
        if (userData == null || !userData.hasRemaining()) {
            return new StickyMemberData(Collections.emptyList(), Optional.empty());
        }
        return StickyUserDataCodec.decode(userData);
    }
}
