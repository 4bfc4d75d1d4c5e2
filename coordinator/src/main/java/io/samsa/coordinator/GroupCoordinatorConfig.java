package io.samsa.coordinator;

import io.samsa.coordinator.classic.ClassicGroupConfig;
import io.samsa.coordinator.consumer.ConsumerGroupConfig;
import io.samsa.coordinator.consumer.MigrationPolicy;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The group coordinator's settings, with Kafka's names and defaults (checked against Kafka 4.1.0's
 * {@code GroupCoordinatorConfig}). Settings Samsa adds are marked "Samsa". Immutable; thread-safe.
 *
 * @param offsetsTopicPartitions          offsets.topic.num.partitions (50); fixes the group-to-partition map
 * @param offsetsRetentionMinutes         offsets.retention.minutes (10080 = 7 days); KIP-211: counted from
 *                                        when the group became empty, or from the commit for groups without members
 * @param offsetsRetentionCheckIntervalMs offsets.retention.check.interval.ms (600000)
 * @param offsetMetadataMaxBytes          offset.metadata.max.bytes (4096); longer commit metadata gets
 *                                        OFFSET_METADATA_TOO_LARGE
 * @param offsetCommitTimeoutMs           offsets.commit.timeout.ms (5000); how long an append may take
 * @param groupMinSessionTimeoutMs        group.min.session.timeout.ms (6000)
 * @param groupMaxSessionTimeoutMs        group.max.session.timeout.ms (1800000)
 * @param groupInitialRebalanceDelayMs    group.initial.rebalance.delay.ms (3000); first rebalance of an empty group
 * @param groupMaxSize                    group.max.size (Integer.MAX_VALUE); join beyond it gets GROUP_MAX_SIZE_REACHED
 * @param newMemberJoinTimeoutMs          how long a new member's JoinGroup may stay parked (Kafka's fixed 300000)
 * @param coordinatorThreads              group.coordinator.threads (4)
 * @param maxWriteBytes                   Samsa: the largest serialized write one operation may append
 *                                        (1048588, Kafka's message.max.bytes default); checked before replay
 * @param timerTickMs                     Samsa: how often due timers are looked for (10); a timer fires at most
 *                                        this late
 * @param groupSyncGraceMs                Samsa: how long a rejoin that would rebalance a Stable group waits for
 *                                        members of its generation that have not sent SyncGroup yet (500); 0
 *                                        rebalances at once, as Kafka does
 * @param consumer                        the consumer-protocol (KIP-848) group settings
 */
public record GroupCoordinatorConfig(
        int offsetsTopicPartitions,
        int offsetsRetentionMinutes,
        long offsetsRetentionCheckIntervalMs,
        int offsetMetadataMaxBytes,
        int offsetCommitTimeoutMs,
        int groupMinSessionTimeoutMs,
        int groupMaxSessionTimeoutMs,
        int groupInitialRebalanceDelayMs,
        int groupMaxSize,
        int newMemberJoinTimeoutMs,
        int coordinatorThreads,
        int maxWriteBytes,
        long timerTickMs,
        int groupSyncGraceMs,
        ConsumerGroupConfig consumer) {

    public static final String OFFSETS_TOPIC_PARTITIONS = "offsets.topic.num.partitions";
    public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS = "offsets.retention.check.interval.ms";
    public static final String OFFSET_METADATA_MAX_BYTES = "offset.metadata.max.bytes";
    public static final String OFFSET_COMMIT_TIMEOUT_MS = "offsets.commit.timeout.ms";
    public static final String GROUP_MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String GROUP_MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String GROUP_INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";
    public static final String GROUP_MAX_SIZE = "group.max.size";
    public static final String NEW_MEMBER_JOIN_TIMEOUT_MS = "group.classic.new.member.join.timeout.ms";
    public static final String COORDINATOR_THREADS = "group.coordinator.threads";
    public static final String MAX_WRITE_BYTES = "group.coordinator.max.write.bytes";
    public static final String TIMER_TICK_MS = "group.coordinator.timer.tick.ms";
    public static final String GROUP_SYNC_GRACE_MS = "group.classic.sync.grace.ms";

    public GroupCoordinatorConfig {
        requirePositive(OFFSETS_TOPIC_PARTITIONS, offsetsTopicPartitions);
        requirePositive(OFFSETS_RETENTION_MINUTES, offsetsRetentionMinutes);
        requirePositive(OFFSETS_RETENTION_CHECK_INTERVAL_MS, offsetsRetentionCheckIntervalMs);
        requirePositive(OFFSET_METADATA_MAX_BYTES, offsetMetadataMaxBytes);
        requirePositive(OFFSET_COMMIT_TIMEOUT_MS, offsetCommitTimeoutMs);
        requirePositive(GROUP_MIN_SESSION_TIMEOUT_MS, groupMinSessionTimeoutMs);
        requirePositive(GROUP_MAX_SESSION_TIMEOUT_MS, groupMaxSessionTimeoutMs);
        if (groupMaxSessionTimeoutMs < groupMinSessionTimeoutMs) {
            throw new IllegalArgumentException(GROUP_MAX_SESSION_TIMEOUT_MS + " must be >= " + GROUP_MIN_SESSION_TIMEOUT_MS);
        }
        if (groupInitialRebalanceDelayMs < 0) {
            throw new IllegalArgumentException(GROUP_INITIAL_REBALANCE_DELAY_MS + " must not be negative");
        }
        requirePositive(GROUP_MAX_SIZE, groupMaxSize);
        requirePositive(NEW_MEMBER_JOIN_TIMEOUT_MS, newMemberJoinTimeoutMs);
        requirePositive(COORDINATOR_THREADS, coordinatorThreads);
        requirePositive(MAX_WRITE_BYTES, maxWriteBytes);
        requirePositive(TIMER_TICK_MS, timerTickMs);
        Objects.requireNonNull(consumer, "consumer");
        if (groupSyncGraceMs < 0) {
            throw new IllegalArgumentException(GROUP_SYNC_GRACE_MS + " must not be negative");
        }
    }

    /** @return Kafka's defaults */
    public static GroupCoordinatorConfig defaults() {
        return fromProperties(Map.of());
    }

    /**
     * @param props settings by their Kafka name; missing ones take the default
     * @throws IllegalArgumentException for an unparseable or out-of-range value
     */
    public static GroupCoordinatorConfig fromProperties(Map<String, String> props) {
        return new GroupCoordinatorConfig(
                intOf(props, OFFSETS_TOPIC_PARTITIONS, 50),
                intOf(props, OFFSETS_RETENTION_MINUTES, 10080),
                longOf(props, OFFSETS_RETENTION_CHECK_INTERVAL_MS, 600_000L),
                intOf(props, OFFSET_METADATA_MAX_BYTES, 4096),
                intOf(props, OFFSET_COMMIT_TIMEOUT_MS, 5000),
                intOf(props, GROUP_MIN_SESSION_TIMEOUT_MS, 6000),
                intOf(props, GROUP_MAX_SESSION_TIMEOUT_MS, 1_800_000),
                intOf(props, GROUP_INITIAL_REBALANCE_DELAY_MS, 3000),
                intOf(props, GROUP_MAX_SIZE, Integer.MAX_VALUE),
                intOf(props, NEW_MEMBER_JOIN_TIMEOUT_MS, 300_000),
                intOf(props, COORDINATOR_THREADS, 4),
                intOf(props, MAX_WRITE_BYTES, 1_048_588),
                longOf(props, TIMER_TICK_MS, 10L),
                intOf(props, GROUP_SYNC_GRACE_MS, 500),
                new ConsumerGroupConfig(
                        intOf(props, ConsumerGroupConfig.SESSION_TIMEOUT_MS, 45_000),
                        intOf(props, ConsumerGroupConfig.HEARTBEAT_INTERVAL_MS, 5000),
                        intOf(props, ConsumerGroupConfig.MAX_SIZE, Integer.MAX_VALUE),
                        ConsumerGroupConfig.assignors(Arrays.asList(
                                props.getOrDefault(ConsumerGroupConfig.ASSIGNORS, "uniform,range").split(","))),
                        MigrationPolicy.parse(props.getOrDefault(ConsumerGroupConfig.MIGRATION_POLICY, "bidirectional"))));
    }

    /** @return the settings of the classic-group protocol */
    public ClassicGroupConfig classic() {
        return new ClassicGroupConfig(groupMinSessionTimeoutMs, groupMaxSessionTimeoutMs, groupInitialRebalanceDelayMs,
                groupMaxSize, groupSyncGraceMs);
    }

    /** @return offsets.retention.minutes in milliseconds */
    public long offsetsRetentionMs() {
        return TimeUnit.MINUTES.toMillis(offsetsRetentionMinutes);
    }

    private static int intOf(Map<String, String> props, String name, int defaultValue) {
        String value = props.get(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not an int: " + value, e);
        }
    }

    private static long longOf(Map<String, String> props, String name, long defaultValue) {
        String value = props.get(name);
        try {
            return value == null ? defaultValue : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a long: " + value, e);
        }
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
