package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The algorithm shared by the {@code sticky} and {@code cooperative-sticky} assignors: as balanced as
 * possible (partition counts differ by at most one where subscriptions allow), and within that,
 * keeping as many partitions with their current owners as possible. Subclasses say where a
 * member's previous ownership comes from ({@link #memberData}).
 *
 * <p>Ownership claims are validated first: only topics still subscribed count; when two members
 * claim a partition, the one with the higher generation keeps it, and if both have the same
 * generation neither does. Then, if all members share one subscription the fast
 * {@link ConstrainedAssignmentBuilder} runs, otherwise the {@link GeneralAssignmentBuilder}.
 * Both reproduce Kafka's decisions exactly (checked against kafka-clients in tests).
 *
 * <p>Unlike Kafka's, the highest generation seen is recomputed for each call rather than kept
 * across calls; for a group, where generations only grow, the results are the same.
 *
 * <p>Not thread-safe; one consumer thread uses an assignor at a time.
 */
public abstract class AbstractStickyAssignor extends AbstractPartitionAssignor {
    /** The generation of a member that never completed a rebalance. */
    public static final int DEFAULT_GENERATION = -1;

    /**
     * After a constrained run: partition -&gt; new owner, for partitions whose previous owner had to
     * give them up. Null after a general run (the cooperative assignor then computes it itself).
     */
    protected Map<TopicPartition, String> partitionsTransferringOwnership = new HashMap<>();

    private int maxGeneration = DEFAULT_GENERATION;

    /** The member's previous ownership and its generation, from its subscription. */
    protected abstract StickyMemberData memberData(Subscription subscription);

    /** The highest generation reported by the members in the last {@link #assign} call. */
    public int maxGeneration() {
        return maxGeneration;
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, Subscription> subscriptions) {
        maxGeneration = DEFAULT_GENERATION;
        Map<String, List<TopicPartition>> ownedByMember = new HashMap<>();
        Set<TopicPartition> multiplyClaimed = new HashSet<>();
        if (collectOwnership(partitionsPerTopic.keySet(), subscriptions, ownedByMember, multiplyClaimed)) {
            partitionsTransferringOwnership = new HashMap<>();
            return new ConstrainedAssignmentBuilder(partitionsPerTopic, ownedByMember, multiplyClaimed,
                partitionsTransferringOwnership).build();
        }
        partitionsTransferringOwnership = null;
        return new GeneralAssignmentBuilder(partitionsPerTopic, ownedByMember, subscriptions, this::memberData,
            maxGeneration).build();
    }

    /**
     * Fills {@code ownedByMember} with every member's valid claims and {@code multiplyClaimed} with
     * partitions two members of one generation both claimed; records the highest generation.
     *
     * @return whether all members have the same subscription
     */
    private boolean collectOwnership(Set<String> allTopics, Map<String, Subscription> subscriptions,
                                     Map<String, List<TopicPartition>> ownedByMember, Set<TopicPartition> multiplyClaimed) {
        boolean allEqual = true;
        Set<String> firstTopics = new HashSet<>();
        Map<TopicPartition, String> claimedBy = new HashMap<>();
        for (Map.Entry<String, Subscription> entry : subscriptions.entrySet()) {
            String member = entry.getKey();
            Subscription subscription = entry.getValue();
            if (firstTopics.isEmpty()) {
                firstTopics.addAll(subscription.topics());
            } else if (allEqual && !(subscription.topics().size() == firstTopics.size()
                && firstTopics.containsAll(subscription.topics()))) {
                allEqual = false;
            }
            StickyMemberData data = memberData(subscription);
            int generation = data.generation().orElse(DEFAULT_GENERATION);
            maxGeneration = Math.max(maxGeneration, generation);
            List<TopicPartition> owned = new ArrayList<>();
            ownedByMember.put(member, owned);
            for (TopicPartition tp : data.partitions()) {
                if (allTopics.contains(tp.topic())) {
                    resolveClaim(tp, member, generation, owned, subscriptions, ownedByMember, claimedBy, multiplyClaimed);
                }
            }
        }
        return allEqual;
    }

    private static void resolveClaim(TopicPartition tp, String member, int generation, List<TopicPartition> owned,
                                     Map<String, Subscription> subscriptions, Map<String, List<TopicPartition>> ownedByMember,
                                     Map<TopicPartition, String> claimedBy, Set<TopicPartition> multiplyClaimed) {
        String other = claimedBy.get(tp);
        if (other == null) {
            owned.add(tp);
            claimedBy.put(tp, member);
            return;
        }
        // As Kafka: the other claimant's generation is the one in its subscription, not its user data.
        int otherGeneration = subscriptions.get(other).generationId().orElse(DEFAULT_GENERATION);
        if (generation == otherGeneration) {
            multiplyClaimed.add(tp);
            ownedByMember.get(other).remove(tp);
            claimedBy.put(tp, member);
        } else if (generation > otherGeneration) {
            owned.add(tp);
            ownedByMember.get(other).remove(tp);
            claimedBy.put(tp, member);
        }
    }
}
