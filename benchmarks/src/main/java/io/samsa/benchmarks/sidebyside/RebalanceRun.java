package io.samsa.benchmarks.sidebyside;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Time for a consumer group to become Stable again after a new member joins: {@code members - 1}
 * kafka-clients consumers (threads of this JVM, {@link GroupMember}) form a Stable group on a topic
 * of {@link #PARTITIONS} partitions; then one more consumer subscribes, and the clock runs from its
 * subscribe until the group is Stable with a full assignment. The joiner then leaves, the group
 * settles again, and the next join is measured.
 *
 * <p><b>Phase.</b> Members learn of a rebalance from their next heartbeat, and after a rebalance
 * their heartbeats are in step (they all synced at once). A joiner started right when the group
 * settles would always land at the same point of that cycle, and a few milliseconds more or less on
 * its way in would decide whether it catches the next heartbeat or waits a whole interval. So each
 * joiner starts after a pause drawn uniformly from one heartbeat interval, from a fixed seed: both
 * brokers get the same pauses, and the median is over the cycle, not one point of it.
 *
 * <p><b>Stable with a full assignment</b> means: every member's latest rebalance callback left it
 * with at least one partition, and together they hold each of the {@link #PARTITIONS} partitions
 * exactly once (for cooperative-sticky, only the second round gives the joiner its partitions); and
 * then DescribeGroups (Admin) shows the group Stable with exactly these members and all partitions
 * assigned, with no member's callback having run in between. The end time is the latest member's
 * callback, so the describe round trip is not counted.
 *
 * <p>Single-threaded (the members poll on their own threads).
 */
final class RebalanceRun {
    static final int PARTITIONS = 100;
    /** Client settings, the same against both brokers; shorter than the defaults so the run is quick. */
    static final int SESSION_TIMEOUT_MS = 10_000;
    static final int HEARTBEAT_INTERVAL_MS = 100;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);
    private static final long PHASE_SEED = 20261121L;

    private RebalanceRun() {
    }

    /** Measures {@code runs} joins into a Stable group of {@code members - 1}. */
    static RebalanceResult run(String bootstrapServers, Admin admin, String topic, int members, boolean cooperative, int runs) {
        String assignor = cooperative ? CooperativeStickyAssignor.class.getName() : RangeAssignor.class.getName();
        String group = "rebalance-" + members + "-" + (cooperative ? "cooperative" : "eager");
        List<GroupMember> consumers = new ArrayList<>();
        try {
            for (int i = 0; i < members - 1; i++) {
                consumers.add(new GroupMember(bootstrapServers, group, topic, assignor, SESSION_TIMEOUT_MS,
                    HEARTBEAT_INTERVAL_MS, group + "-" + i));
            }
            awaitStable(admin, group, consumers);
            List<Double> times = new ArrayList<>();
            Random phase = new Random(PHASE_SEED + members);
            for (int run = 0; run < runs; run++) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(phase.nextInt(HEARTBEAT_INTERVAL_MS)));
                GroupMember joiner = new GroupMember(bootstrapServers, group, topic, assignor, SESSION_TIMEOUT_MS,
                    HEARTBEAT_INTERVAL_MS, group + "-joiner-" + run);
                consumers.add(joiner);
                long stableAtNs = awaitStable(admin, group, consumers);
                times.add((stableAtNs - joiner.subscribedAtNs()) / 1e6);
                consumers.remove(joiner);
                joiner.close();
                awaitStable(admin, group, consumers);
            }
            return new RebalanceResult(members, cooperative, times);
        } finally {
            consumers.forEach(GroupMember::stop);
            consumers.forEach(GroupMember::awaitClosed);
        }
    }

    /**
     * @return System.nanoTime() of the last rebalance callback that completed the assignment
     * @throws IllegalStateException when the group does not settle in {@link #SETTLE_TIMEOUT}
     */
    static long awaitStable(Admin admin, String group, List<GroupMember> members) {
        long deadlineNs = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (System.nanoTime() - deadlineNs < 0) {
            members.forEach(GroupMember::checkHealthy);
            List<GroupMember.Snapshot> snapshots = members.stream().map(GroupMember::snapshot).toList();
            if (fullAssignment(snapshots.stream().map(GroupMember.Snapshot::assignment).toList())
                && describedStable(admin, group, members.size())
                && snapshots.equals(members.stream().map(GroupMember::snapshot).toList())) {
                return snapshots.stream().mapToLong(GroupMember.Snapshot::atNs).max().orElseThrow();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        throw new IllegalStateException("group " + group + " of " + members.size() + " members was not Stable with a full"
            + " assignment of " + PARTITIONS + " partitions within " + SETTLE_TIMEOUT.toSeconds() + " s");
    }

    /** Every member holds at least one partition and each partition is held exactly once. */
    static boolean fullAssignment(List<Set<TopicPartition>> assignments) {
        Set<TopicPartition> union = new HashSet<>();
        int total = 0;
        for (Set<TopicPartition> assignment : assignments) {
            if (assignment.isEmpty()) {
                return false;
            }
            union.addAll(assignment);
            total += assignment.size();
        }
        return total == PARTITIONS && union.size() == PARTITIONS;
    }

    private static boolean describedStable(Admin admin, String group, int members) {
        try {
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(List.of(group)).all()
                .get(10, TimeUnit.SECONDS);
            ConsumerGroupDescription description = described.get(group);
            if (description.groupState() != GroupState.STABLE || description.members().size() != members) {
                return false;
            }
            List<Set<TopicPartition>> assignments = new ArrayList<>();
            for (MemberDescription member : description.members()) {
                assignments.add(member.assignment().topicPartitions());
            }
            return fullAssignment(assignments);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe group " + group + ": " + e, e);
        }
    }
}
