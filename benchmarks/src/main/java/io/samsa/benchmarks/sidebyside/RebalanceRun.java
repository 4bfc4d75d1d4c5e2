package io.samsa.benchmarks.sidebyside;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
 * joiner (already constructed) subscribes at a point of that cycle drawn uniformly from a fixed
 * seed: a pause of up to one heartbeat interval after the group last became Stable (its last
 * member's rebalance callback), plus whole intervals until that instant is still ahead. Both
 * brokers get the same pauses, and the median and mean are over the cycle, not one point of it.
 * The whole intervals matter: the previous joiner's close waits for its parked Fetch (up to
 * fetch.max.wait.ms), so by the time it returns the pause alone would already be over, and the
 * joiner would start wherever the broker's long poll happened to end.
 *
 * <p><b>Stable with a full assignment</b> means: every member's latest rebalance callback left it
 * with at least one partition, and together they hold each of the {@link #PARTITIONS} partitions
 * exactly once (for cooperative-sticky, only the second round gives the joiner its partitions); and
 * then DescribeGroups (Admin) shows the group Stable with exactly these members and all partitions
 * assigned, with no member's callback having run in between. The end time is the latest member's
 * callback, so the describe round trip is not counted.
 *
 * <p><b>Cold clients.</b> Each case runs in a child JVM of its own ({@link #runInChildJvm}), and its
 * first {@link #WARM_UP_JOINS} joins are not counted: the consumers' join path is still being
 * compiled then. In this harness's JVM the broker measured second would get clients warmed up by
 * the first one's run.
 *
 * <p>Single-threaded (the members poll on their own threads).
 */
final class RebalanceRun {
    static final int PARTITIONS = 100;
    /** Client settings, the same against both brokers; shorter than the defaults so the run is quick. */
    static final int SESSION_TIMEOUT_MS = 10_000;
    static final int HEARTBEAT_INTERVAL_MS = 100;
    /** Joins measured but not counted at the start of each case. */
    static final int WARM_UP_JOINS = 2;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);
    private static final long PHASE_SEED = 20261121L;
    private static final String RESULT_PREFIX = "REBALANCE_MS ";
    private static final List<String> CLIENT_JVM_ARGS = List.of("-Xmx512m", "-XX:+UseG1GC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    private RebalanceRun() {
    }

    /**
     * Runs {@link #run} in a child JVM.
     *
     * @throws IllegalStateException with the child's output when it fails or times out
     */
    static RebalanceResult runInChildJvm(String bootstrapServers, String topic, int members, boolean cooperative, int runs) {
        List<String> args = List.of(bootstrapServers, topic, Integer.toString(members), Boolean.toString(cooperative),
            Integer.toString(runs));
        long timeoutSeconds = SETTLE_TIMEOUT.toSeconds() * 2 + (runs + WARM_UP_JOINS) * 30L;
        ChildJvm.Finished finished = ChildJvm.runToCompletion(ChildJvm.command(CLIENT_JVM_ARGS, RebalanceRun.class.getName(),
            args), timeoutSeconds, "rebalance run");
        if (finished.exitCode() == 0) {
            for (String line : finished.output().lines().toList()) {
                if (line.startsWith(RESULT_PREFIX)) {
                    List<Double> times = new ArrayList<>();
                    for (String time : line.substring(RESULT_PREFIX.length()).trim().split(",")) {
                        times.add(Double.parseDouble(time));
                    }
                    return new RebalanceResult(members, cooperative, times);
                }
            }
        }
        throw new IllegalStateException("rebalance run failed (exit " + finished.exitCode() + ")\n" + finished.tail(30));
    }

    /** The child: {@code <bootstrap> <topic> <members> <cooperative> <runs>}; prints one result line. */
    public static void main(String[] argv) {
        try (Admin admin = Topics.admin(argv[0])) {
            RebalanceResult result = run(argv[0], admin, argv[1], Integer.parseInt(argv[2]), Boolean.parseBoolean(argv[3]),
                Integer.parseInt(argv[4]));
            System.out.println(RESULT_PREFIX + result.joinToStableMs().stream().map(String::valueOf)
                .collect(Collectors.joining(",")));
        }
    }

    /** Measures {@code runs} joins (after {@link #WARM_UP_JOINS} more) into a Stable group of {@code members - 1}. */
    static RebalanceResult run(String bootstrapServers, Admin admin, String topic, int members, boolean cooperative, int runs) {
        String assignor = cooperative ? CooperativeStickyAssignor.class.getName() : RangeAssignor.class.getName();
        String group = "rebalance-" + members + "-" + (cooperative ? "cooperative" : "eager");
        List<GroupMember> consumers = new ArrayList<>();
        try {
            for (int i = 0; i < members - 1; i++) {
                consumers.add(new GroupMember(bootstrapServers, group, topic, assignor, SESSION_TIMEOUT_MS,
                    HEARTBEAT_INTERVAL_MS, group + "-" + i).start());
            }
            long settledAtNs = awaitStable(admin, group, consumers);
            List<Double> times = new ArrayList<>();
            Random phase = new Random(PHASE_SEED + members);
            for (int run = 0; run < WARM_UP_JOINS + runs; run++) {
                GroupMember joiner = new GroupMember(bootstrapServers, group, topic, assignor, SESSION_TIMEOUT_MS,
                    HEARTBEAT_INTERVAL_MS, group + "-joiner-" + run);
                parkUntil(startInCycle(settledAtNs, phase.nextInt(HEARTBEAT_INTERVAL_MS)));
                consumers.add(joiner.start());
                long stableAtNs = awaitStable(admin, group, consumers);
                if (run >= WARM_UP_JOINS) {
                    times.add((stableAtNs - joiner.subscribedAtNs()) / 1e6);
                }
                consumers.remove(joiner);
                joiner.close();
                settledAtNs = awaitStable(admin, group, consumers);
            }
            return new RebalanceResult(members, cooperative, times);
        } finally {
            consumers.forEach(GroupMember::stop);
            consumers.forEach(GroupMember::awaitClosed);
        }
    }

    /**
     * @return the first instant still ahead that lies {@code offsetMs} into a heartbeat interval
     *         counted from {@code settledAtNs}
     */
    static long startInCycle(long settledAtNs, int offsetMs) {
        long intervalNs = TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_INTERVAL_MS);
        long startNs = settledAtNs + TimeUnit.MILLISECONDS.toNanos(offsetMs);
        long aheadNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        if (startNs - aheadNs < 0) {
            startNs += ((aheadNs - startNs) / intervalNs + 1) * intervalNs;
        }
        return startNs;
    }

    private static void parkUntil(long deadlineNs) {
        for (long leftNs = deadlineNs - System.nanoTime(); leftNs > 0; leftNs = deadlineNs - System.nanoTime()) {
            LockSupport.parkNanos(leftNs);
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
