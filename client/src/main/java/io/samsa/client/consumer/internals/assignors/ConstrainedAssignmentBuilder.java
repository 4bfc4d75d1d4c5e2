package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sticky assignment when every member has the same subscription (Kafka's "constrained"
 * algorithm). With P partitions and M members each member ends with {@code minQuota = floor(P/M)}
 * or {@code maxQuota = ceil(P/M)} partitions, exactly {@code P % M} of them with maxQuota:
 * <ol>
 *   <li>each member keeps its owned partitions (lowest partition numbers first) up to minQuota, or
 *       up to maxQuota while fewer than {@code P % M} members have been given maxQuota; the rest of
 *       what it owned is revoked;</li>
 *   <li>the unassigned partitions, in topic then partition order, are dealt round-robin to the
 *       members below minQuota (in member id order), then one each to members at minQuota until
 *       {@code P % M} members have maxQuota.</li>
 * </ol>
 * Partitions given to a new owner while the old one still holds them are recorded in
 * {@code partitionsTransferringOwnership} for the cooperative assignor. The decisions, including
 * tie-breaks by hash-map iteration order, follow Kafka's so that both produce the same assignment.
 *
 * <p>One instance per assignment run; not thread-safe.
 */
final class ConstrainedAssignmentBuilder {
    private final Map<String, Integer> partitionsPerTopic;
    private final Map<String, List<TopicPartition>> ownedByMember;
    private final Set<TopicPartition> partitionsWithMultiplePreviousOwners;
    private final Map<TopicPartition, String> partitionsTransferringOwnership;

    private final Set<TopicPartition> allRevokedPartitions = new HashSet<>();
    private final List<String> unfilledUnderMinQuota = new LinkedList<>();
    private final LinkedList<String> unfilledAtMinQuota = new LinkedList<>();
    private final Map<String, List<TopicPartition>> assignment;
    private final List<TopicPartition> assignedPartitions = new ArrayList<>();
    private final int totalPartitions;
    private final int minQuota;
    private final int maxQuota;
    private final int expectedMembersOverMinQuota;
    private int membersOverMinQuota;

    /**
     * @param ownedByMember                        each member's valid owned partitions (all members)
     * @param partitionsWithMultiplePreviousOwners partitions claimed by two members of one generation
     * @param partitionsTransferringOwnership      filled with partition -&gt; new owner for moved partitions
     */
    ConstrainedAssignmentBuilder(Map<String, Integer> partitionsPerTopic, Map<String, List<TopicPartition>> ownedByMember,
                                 Set<TopicPartition> partitionsWithMultiplePreviousOwners,
                                 Map<TopicPartition, String> partitionsTransferringOwnership) {
        this.partitionsPerTopic = partitionsPerTopic;
        this.ownedByMember = ownedByMember;
        this.partitionsWithMultiplePreviousOwners = partitionsWithMultiplePreviousOwners;
        this.partitionsTransferringOwnership = partitionsTransferringOwnership;
        this.totalPartitions = partitionsPerTopic.values().stream().mapToInt(Integer::intValue).sum();
        int members = ownedByMember.size();
        this.minQuota = totalPartitions / members;
        this.maxQuota = (totalPartitions + members - 1) / members;
        this.expectedMembersOverMinQuota = totalPartitions % members;
        this.assignment = new HashMap<>(ownedByMember.keySet().stream()
            .collect(Collectors.toMap(c -> c, c -> new ArrayList<>(maxQuota))));
    }

    Map<String, List<TopicPartition>> build() {
        keepOwnedPartitions();
        List<TopicPartition> unassigned = unassignedPartitions();
        Collections.sort(unfilledUnderMinQuota);
        Collections.sort(unfilledAtMinQuota);
        dealRoundRobin(unassigned);
        verifyFilled();
        return assignment;
    }

    private void keepOwnedPartitions() {
        for (Map.Entry<String, List<TopicPartition>> entry : ownedByMember.entrySet()) {
            String member = entry.getKey();
            List<TopicPartition> owned = entry.getValue().stream()
                .sorted(Comparator.comparing(TopicPartition::partition).thenComparing(TopicPartition::topic))
                .collect(Collectors.toList());
            for (TopicPartition doublyClaimed : partitionsWithMultiplePreviousOwners) {
                owned.remove(doublyClaimed);
            }
            List<TopicPartition> memberAssignment = assignment.get(member);
            if (owned.size() < minQuota) {
                memberAssignment.addAll(owned);
                assignedPartitions.addAll(owned);
                unfilledUnderMinQuota.add(member);
            } else if (owned.size() >= maxQuota && membersOverMinQuota < expectedMembersOverMinQuota) {
                membersOverMinQuota++;
                if (membersOverMinQuota == expectedMembersOverMinQuota) {
                    unfilledAtMinQuota.clear();
                }
                keep(memberAssignment, owned, maxQuota);
            } else {
                keep(memberAssignment, owned, minQuota);
                if (membersOverMinQuota < expectedMembersOverMinQuota) {
                    unfilledAtMinQuota.add(member);
                }
            }
        }
    }

    private void keep(List<TopicPartition> memberAssignment, List<TopicPartition> owned, int count) {
        List<TopicPartition> kept = owned.subList(0, count);
        memberAssignment.addAll(kept);
        assignedPartitions.addAll(kept);
        allRevokedPartitions.addAll(owned.subList(count, owned.size()));
    }

    private void dealRoundRobin(List<TopicPartition> unassigned) {
        Iterator<String> underMin = unfilledUnderMinQuota.iterator();
        for (TopicPartition partition : unassigned) {
            String member;
            if (underMin.hasNext()) {
                member = underMin.next();
            } else if (unfilledUnderMinQuota.isEmpty() && unfilledAtMinQuota.isEmpty()) {
                throw new IllegalStateException("No more unfilled consumers to be assigned.");
            } else if (unfilledUnderMinQuota.isEmpty()) {
                member = unfilledAtMinQuota.poll();
            } else {
                underMin = unfilledUnderMinQuota.iterator();
                member = underMin.next();
            }
            int count = assignNew(partition, member);
            if (count == minQuota) {
                underMin.remove();
                unfilledAtMinQuota.add(member);
            } else if (count == maxQuota) {
                membersOverMinQuota++;
            }
        }
    }

    private int assignNew(TopicPartition partition, String member) {
        List<TopicPartition> memberAssignment = assignment.get(member);
        memberAssignment.add(partition);
        if (allRevokedPartitions.contains(partition) || partitionsWithMultiplePreviousOwners.contains(partition)) {
            partitionsTransferringOwnership.put(partition, member);
        }
        return memberAssignment.size();
    }

    private void verifyFilled() {
        if (unfilledUnderMinQuota.isEmpty()) {
            return;
        }
        if (membersOverMinQuota != expectedMembersOverMinQuota) {
            throw new IllegalStateException("We haven't reached the expected number of members with more than the minQuota "
                + "partitions, but no more partitions to be assigned");
        }
        for (String member : unfilledUnderMinQuota) {
            if (assignment.get(member).size() != minQuota) {
                throw new IllegalStateException(String.format(
                    "Consumer: [%s] doesn't reach minQuota partitions, and no more partitions to be assigned", member));
            }
        }
    }

    /** Every partition not yet assigned, topics in name order, partitions in number order. */
    private List<TopicPartition> unassignedPartitions() {
        List<String> topics = new ArrayList<>(partitionsPerTopic.keySet());
        Collections.sort(topics);
        Set<TopicPartition> assigned = new HashSet<>(assignedPartitions);
        List<TopicPartition> unassigned = new ArrayList<>(totalPartitions - assigned.size());
        for (String topic : topics) {
            for (int i = 0; i < partitionsPerTopic.get(topic); i++) {
                TopicPartition tp = new TopicPartition(topic, i);
                if (!assigned.contains(tp)) {
                    unassigned.add(tp);
                }
            }
        }
        return unassigned;
    }
}
