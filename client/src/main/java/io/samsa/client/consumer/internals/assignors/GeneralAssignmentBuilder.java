package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerPartitionAssignor.Subscription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The sticky assignment when members' subscriptions differ (Kafka's "general" algorithm):
 * <ol>
 *   <li>keep every owned partition whose topic still exists and is still subscribed by its owner;</li>
 *   <li>give each unassigned partition (topics with fewest potential members first) to the member
 *       with the fewest partitions that can take it;</li>
 *   <li>repeatedly move partitions from a member to another subscribed one with at least two fewer,
 *       preferring the previous generation's owner, until balanced; moves undo earlier opposite
 *       moves of the same topic ({@link PartitionMovements});</li>
 *   <li>keep the result only if it is better balanced than before step 3 (or on a fresh group).</li>
 * </ol>
 * Members with fewest partitions come first in {@code sortedMembers} (ties by member id); that and
 * every other iteration order are the same as Kafka's, so both produce the same assignment.
 * Deliberate differences, only where Kafka's answer is unusable: Kafka's algorithm prefers a
 * previous-generation owner even when that member's assignment is set aside as fixed (failing the
 * whole rebalance with a NullPointerException; we skip that owner) or when it no longer subscribes
 * to the topic (an assignment the member rejects; we move such partitions at the end). Rack-aware
 * placement is not implemented yet.
 *
 * <p>One instance per assignment run; not thread-safe.
 */
final class GeneralAssignmentBuilder {
    private final Map<String, Integer> partitionsPerTopic;
    private final Map<String, List<TopicPartition>> currentAssignment;
    private final Map<String, Subscription> subscriptions;
    private final Function<Subscription, StickyMemberData> memberData;
    private final int maxGeneration;
    private final int totalPartitions;

    private final Map<String, List<String>> topicToPotentialMembers;
    private final Map<String, List<String>> memberToPotentialTopics;
    private final Map<TopicPartition, String> currentPartitionOwner = new HashMap<>();
    private final List<TopicPartition> sortedAllPartitions;
    private final TreeSet<String> sortedMembers;
    private final PartitionMovements movements = new PartitionMovements();
    private boolean revocationRequired;

    /**
     * @param currentAssignment each member's valid owned partitions; becomes the result (mutated)
     * @param memberData        reads a subscription's ownership data, as the assignor does
     * @param maxGeneration     the highest generation any member reported
     */
    GeneralAssignmentBuilder(Map<String, Integer> partitionsPerTopic, Map<String, List<TopicPartition>> currentAssignment,
                             Map<String, Subscription> subscriptions, Function<Subscription, StickyMemberData> memberData,
                             int maxGeneration) {
        this.partitionsPerTopic = partitionsPerTopic;
        this.currentAssignment = currentAssignment;
        this.subscriptions = subscriptions;
        this.memberData = memberData;
        this.maxGeneration = maxGeneration;
        this.totalPartitions = partitionsPerTopic.values().stream().mapToInt(Integer::intValue).sum();
        this.topicToPotentialMembers = new HashMap<>(partitionsPerTopic.size());
        this.memberToPotentialTopics = new HashMap<>(subscriptions.size());
        partitionsPerTopic.keySet().forEach(topic -> topicToPotentialMembers.put(topic, new ArrayList<>()));
        subscriptions.forEach((member, subscription) -> {
            List<String> topics = new ArrayList<>(subscription.topics().size());
            memberToPotentialTopics.put(member, topics);
            for (String topic : subscription.topics()) {
                if (partitionsPerTopic.get(topic) != null) {
                    topics.add(topic);
                    topicToPotentialMembers.get(topic).add(member);
                }
            }
            currentAssignment.computeIfAbsent(member, m -> new ArrayList<>());
        });
        currentAssignment.forEach((member, partitions) -> partitions.forEach(tp -> currentPartitionOwner.put(tp, member)));
        List<String> sortedTopics = new ArrayList<>(topicToPotentialMembers.keySet());
        sortedTopics.sort(Comparator.comparingInt((String t) -> topicToPotentialMembers.get(t).size()).thenComparing(t -> t));
        this.sortedAllPartitions = new ArrayList<>(totalPartitions);
        for (String topic : sortedTopics) {
            sortedAllPartitions.addAll(AbstractPartitionAssignor.partitions(topic, partitionsPerTopic.get(topic)));
        }
        this.sortedMembers = new TreeSet<>(Comparator.comparingInt((String m) -> currentAssignment.get(m).size())
            .thenComparing(m -> m));
    }

    Map<String, List<TopicPartition>> build() {
        Map<TopicPartition, ConsumerGenerationPair> previousOwners = previousGenerationOwners();
        List<TopicPartition> assigned = keepValidOwnedPartitions();
        List<TopicPartition> unassigned = unassignedPartitions(assigned);
        sortedMembers.addAll(currentAssignment.keySet());
        balance(previousOwners, unassigned);
        repairUnsubscribedOwners();
        return currentAssignment;
    }

    /**
     * Kafka's balancing may hand a partition back to its previous-generation owner even when that
     * member no longer subscribes to the topic; the member would reject such an assignment. Those
     * partitions go to the least loaded member that does subscribe. A no-op whenever Kafka's result
     * is valid, so results stay equal to Kafka's in every case where Kafka's are usable.
     */
    private void repairUnsubscribedOwners() {
        for (String member : new ArrayList<>(sortedMembers)) {
            List<String> topics = memberToPotentialTopics.get(member);
            List<TopicPartition> partitions = currentAssignment.get(member);
            for (TopicPartition tp : new ArrayList<>(partitions)) {
                if (!topics.contains(tp.topic())) {
                    sortedMembers.remove(member);
                    partitions.remove(tp);
                    sortedMembers.add(member);
                    assignToLeastLoaded(tp);
                }
            }
        }
    }

    /** The owner of each partition in the latest generation below the current maximum. */
    private Map<TopicPartition, ConsumerGenerationPair> previousGenerationOwners() {
        Map<TopicPartition, ConsumerGenerationPair> previous = new HashMap<>();
        for (Map.Entry<String, Subscription> entry : subscriptions.entrySet()) {
            StickyMemberData data = memberData.apply(entry.getValue());
            if (data.generation().isPresent() && data.generation().get() < maxGeneration) {
                recordPrevious(previous, data.partitions(), entry.getKey(), data.generation().get());
            } else if (data.generation().isEmpty() && maxGeneration > AbstractStickyAssignor.DEFAULT_GENERATION) {
                recordPrevious(previous, data.partitions(), entry.getKey(), AbstractStickyAssignor.DEFAULT_GENERATION);
            }
        }
        return previous;
    }

    private static void recordPrevious(Map<TopicPartition, ConsumerGenerationPair> previous, List<TopicPartition> partitions,
                                       String member, int generation) {
        for (TopicPartition tp : partitions) {
            ConsumerGenerationPair known = previous.get(tp);
            if (known == null || generation > known.generation()) {
                previous.put(tp, new ConsumerGenerationPair(member, generation));
            }
        }
    }

    private List<TopicPartition> keepValidOwnedPartitions() {
        List<TopicPartition> assigned = new ArrayList<>();
        for (Iterator<Map.Entry<String, List<TopicPartition>>> it = currentAssignment.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, List<TopicPartition>> entry = it.next();
            Subscription subscription = subscriptions.get(entry.getKey());
            if (subscription == null) {
                entry.getValue().forEach(currentPartitionOwner::remove);
                it.remove();
                continue;
            }
            for (Iterator<TopicPartition> partitions = entry.getValue().iterator(); partitions.hasNext();) {
                TopicPartition tp = partitions.next();
                if (!topicToPotentialMembers.containsKey(tp.topic())) {
                    partitions.remove();
                    currentPartitionOwner.remove(tp);
                } else if (!subscription.topics().contains(tp.topic())) {
                    partitions.remove();
                    revocationRequired = true;
                } else {
                    assigned.add(tp);
                }
            }
        }
        return assigned;
    }

    /** {@code sortedAllPartitions} minus {@code assigned}; the very same list when nothing is assigned. */
    private List<TopicPartition> unassignedPartitions(List<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return sortedAllPartitions;
        }
        Set<TopicPartition> assignedSet = new HashSet<>(assigned);
        List<TopicPartition> unassigned = new ArrayList<>();
        for (TopicPartition tp : sortedAllPartitions) {
            if (!assignedSet.contains(tp)) {
                unassigned.add(tp);
            }
        }
        return unassigned;
    }

    private void balance(Map<TopicPartition, ConsumerGenerationPair> previousOwners, List<TopicPartition> unassigned) {
        boolean initializing = currentAssignment.get(sortedMembers.last()).isEmpty();
        for (TopicPartition tp : unassigned) {
            if (!topicToPotentialMembers.get(tp.topic()).isEmpty()) {
                assignToLeastLoaded(tp);
            }
        }
        Set<TopicPartition> fixedPartitions = new HashSet<>();
        for (String topic : topicToPotentialMembers.keySet()) {
            if (!canTopicMove(topic)) {
                fixedPartitions.addAll(AbstractPartitionAssignor.partitions(topic, partitionsPerTopic.get(topic)));
            }
        }
        sortedAllPartitions.removeAll(fixedPartitions);
        unassigned.removeAll(fixedPartitions);

        Map<String, List<TopicPartition>> fixedAssignments = new HashMap<>();
        for (String member : memberToPotentialTopics.keySet()) {
            if (!canMemberParticipate(member)) {
                sortedMembers.remove(member);
                fixedAssignments.put(member, currentAssignment.remove(member));
            }
        }
        Map<String, List<TopicPartition>> preBalanceAssignment = copy(currentAssignment);
        Map<TopicPartition, String> preBalanceOwners = new HashMap<>(currentPartitionOwner);
        if (!revocationRequired) {
            performReassignments(unassigned, previousOwners);
        }
        boolean reassigned = performReassignments(sortedAllPartitions, previousOwners);
        if (!initializing && reassigned
            && BalanceScore.of(currentAssignment) >= BalanceScore.of(preBalanceAssignment)) {
            currentAssignment.clear();
            preBalanceAssignment.forEach((member, partitions) -> currentAssignment.put(member, new ArrayList<>(partitions)));
            currentPartitionOwner.clear();
            currentPartitionOwner.putAll(preBalanceOwners);
        }
        fixedAssignments.forEach((member, partitions) -> {
            currentAssignment.put(member, partitions);
            sortedMembers.add(member);
        });
    }

    private void assignToLeastLoaded(TopicPartition tp) {
        for (String member : sortedMembers) {
            if (memberToPotentialTopics.get(member).contains(tp.topic())) {
                sortedMembers.remove(member);
                currentAssignment.get(member).add(tp);
                currentPartitionOwner.put(tp, member);
                sortedMembers.add(member);
                return;
            }
        }
    }

    private boolean canTopicMove(String topic) {
        return topicToPotentialMembers.get(topic).size() >= 2;
    }

    private boolean canMemberParticipate(String member) {
        List<TopicPartition> partitions = currentAssignment.get(member);
        if (partitions.size() < maxAssignmentSize(memberToPotentialTopics.get(member))) {
            return true;
        }
        for (TopicPartition tp : partitions) {
            if (canTopicMove(tp.topic())) {
                return true;
            }
        }
        return false;
    }

    private int maxAssignmentSize(List<String> topics) {
        if (topics.size() == partitionsPerTopic.size()) {
            return totalPartitions;
        }
        return topics.stream().mapToInt(partitionsPerTopic::get).sum();
    }

    private boolean performReassignments(List<TopicPartition> reassignable, Map<TopicPartition, ConsumerGenerationPair> previousOwners) {
        boolean reassigned = false;
        boolean modified;
        do {
            modified = false;
            for (Iterator<TopicPartition> it = reassignable.iterator(); it.hasNext() && !isBalanced();) {
                TopicPartition tp = it.next();
                String owner = currentPartitionOwner.get(tp);
                ConsumerGenerationPair previous = previousOwners.get(tp);
                // Kafka's leader throws a NullPointerException here when the previous owner's assignment
                // is fixed (set aside for this phase); we skip such a previous owner instead.
                if (previous != null && currentAssignment.containsKey(previous.consumer())
                    && size(owner) > size(previous.consumer()) + 1) {
                    reassignPartition(tp, previous.consumer());
                    reassigned = modified = true;
                    continue;
                }
                for (String other : topicToPotentialMembers.get(tp.topic())) {
                    if (size(owner) > size(other) + 1) {
                        reassignToLeastLoaded(tp);
                        reassigned = modified = true;
                        break;
                    }
                }
            }
        } while (modified);
        return reassigned;
    }

    private int size(String member) {
        return currentAssignment.get(member).size();
    }

    /** Balanced: sizes differ by at most one, or no member could take a partition from one with 2+ more. */
    private boolean isBalanced() {
        int min = size(sortedMembers.first());
        int max = size(sortedMembers.last());
        if (min >= max - 1) {
            return true;
        }
        Map<TopicPartition, String> owners = new HashMap<>();
        currentAssignment.forEach((member, partitions) -> partitions.forEach(tp -> owners.put(tp, member)));
        for (String member : sortedMembers) {
            List<TopicPartition> partitions = currentAssignment.get(member);
            int count = partitions.size();
            List<String> topics = memberToPotentialTopics.get(member);
            if (count == maxAssignmentSize(topics)) {
                continue;
            }
            for (String topic : topics) {
                for (int i = 0; i < partitionsPerTopic.get(topic); i++) {
                    TopicPartition tp = new TopicPartition(topic, i);
                    if (!partitions.contains(tp) && count + 1 < size(owners.get(tp))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void reassignToLeastLoaded(TopicPartition tp) {
        for (String member : sortedMembers) {
            if (memberToPotentialTopics.get(member).contains(tp.topic())) {
                reassignPartition(tp, member);
                return;
            }
        }
        throw new IllegalStateException("No member can take " + tp);
    }

    private void reassignPartition(TopicPartition tp, String newOwner) {
        TopicPartition toMove = movements.partitionToBeMoved(tp, currentPartitionOwner.get(tp), newOwner);
        String oldOwner = currentPartitionOwner.get(toMove);
        sortedMembers.remove(oldOwner);
        sortedMembers.remove(newOwner);
        movements.movePartition(toMove, oldOwner, newOwner);
        currentAssignment.get(oldOwner).remove(toMove);
        currentAssignment.get(newOwner).add(toMove);
        currentPartitionOwner.put(toMove, newOwner);
        sortedMembers.add(newOwner);
        sortedMembers.add(oldOwner);
    }

    private static Map<String, List<TopicPartition>> copy(Map<String, List<TopicPartition>> assignment) {
        Map<String, List<TopicPartition>> copy = new HashMap<>();
        assignment.forEach((member, partitions) -> copy.put(member, new ArrayList<>(partitions)));
        return copy;
    }

    /** A member and the generation in which it owned a partition. */
    record ConsumerGenerationPair(String consumer, int generation) {
    }
}
