package io.samsa.coordinator.offsets;

import io.samsa.coordinator.classic.GroupTimerKey;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.ConsumerSubscriptions;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.records.CoordinatorRecordSerde;
import io.samsa.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Offset retention (KIP-211) and removal of groups that are gone: every
 * offsets.retention.check.interval.ms, tombstones for expired offsets, and for Empty groups left
 * without offsets.
 *
 * <p>When an offset expires (Kafka's rules):
 * <ul>
 * <li>With an explicit expiry (OffsetCommit v2 to v4 retention): at that time.</li>
 * <li>Otherwise once offsets.retention.minutes have passed since a base time:
 *   <ul>
 *   <li>standalone offsets (no group metadata, or no protocol type): the commit time;</li>
 *   <li>an Empty group: the time it became Empty, so a group that is merely idle keeps its offsets;</li>
 *   <li>a Stable consumer group with known subscriptions: the commit time, but only for topics no
 *       member subscribes to;</li>
 *   <li>any other group (rebalancing, or subscriptions unknown), and a consumer group (KIP-848) with
 *       members: never; an empty consumer group's offsets count from their commit time.</li>
 *   </ul></li>
 * </ul>
 * One run writes at most {@code maxWriteBytes} of tombstones; when there is more, the next run is
 * scheduled at once instead of after the interval.
 *
 * <p>Stateless apart from its config; thread-safe.
 */
public final class OffsetExpirationHandler {
    private final long retentionMs;
    private final long checkIntervalMs;
    private final int maxWriteBytes;

    /**
     * @param retentionMs     offsets.retention.minutes, in ms
     * @param checkIntervalMs offsets.retention.check.interval.ms
     * @param maxWriteBytes   the most one run may write
     */
    public OffsetExpirationHandler(long retentionMs, long checkIntervalMs, int maxWriteBytes) {
        this.retentionMs = retentionMs;
        this.checkIntervalMs = checkIntervalMs;
        this.maxWriteBytes = maxWriteBytes;
    }

    /** Schedules the periodic check on the shard's timer (called once the partition is loaded). */
    public void schedule(OffsetsContext shard) {
        scheduleIn(shard, checkIntervalMs);
    }

    private void scheduleIn(OffsetsContext shard, long delayMs) {
        shard.timer().schedule(new GroupTimerKey.OffsetExpiry(), delayMs, nowMs -> {
            Batch batch = expire(shard, nowMs);
            scheduleIn(shard, batch.complete() ? checkIntervalMs : 0);
            return CoordinatorResult.records(batch.records());
        });
    }

    /** The tombstones of one run, and whether everything due fitted. */
    public record Batch(List<CoordinatorRecord> records, boolean complete) {
    }

    /** @return the tombstones for everything expired at {@code nowMs} (up to the write budget) */
    public Batch expire(OffsetsContext shard, long nowMs) {
        OffsetStore offsets = shard.offsets();
        TreeSet<String> groupIds = new TreeSet<>(offsets.groupIds());
        for (ClassicGroup group : shard.groups().groups()) {
            groupIds.add(group.groupId());
        }
        List<CoordinatorRecord> records = new ArrayList<>();
        long budget = maxWriteBytes;
        for (String groupId : groupIds) {
            if (shard.consumerGroups().group(groupId) != null && !shard.consumerGroups().group(groupId).isEmpty()) {
                continue; // a consumer group with members keeps its offsets (Samsa does not track per-topic subscriptions here yet)
            }
            ClassicGroup group = shard.groups().group(groupId);
            List<CoordinatorRecord> groupRecords = new ArrayList<>();
            int remaining = 0;
            for (Map.Entry<TopicPartition, CommittedOffset> entry : offsets.offsets(groupId)) {
                if (isExpired(group, entry.getKey(), entry.getValue(), nowMs)) {
                    TopicPartition tp = entry.getKey();
                    groupRecords.add(OffsetCommitRecords.newOffsetCommitTombstoneRecord(groupId, tp.topic(), tp.partition()));
                } else {
                    remaining++;
                }
            }
            if (group != null && remaining == 0 && group.isInState(ClassicGroupState.EMPTY)) {
                groupRecords.add(GroupCoordinatorRecords.newGroupMetadataTombstoneRecord(groupId));
            }
            for (CoordinatorRecord record : groupRecords) {
                long size = CoordinatorRecordSerde.serialize(record).sizeInBytes();
                if (size > budget) {
                    return new Batch(records, false);
                }
                budget -= size;
                records.add(record);
            }
        }
        return new Batch(records, true);
    }

    private boolean isExpired(ClassicGroup group, TopicPartition partition, CommittedOffset offset, long nowMs) {
        Long baseMs = baseTimestampMs(group, partition, offset);
        if (baseMs == null) {
            return false;
        }
        if (offset.expireTimestampMs().isPresent()) {
            return nowMs - offset.expireTimestampMs().getAsLong() >= 0;
        }
        return nowMs - baseMs >= retentionMs;
    }

    /** @return the time retention counts from, or null when this offset does not expire now */
    private static Long baseTimestampMs(ClassicGroup group, TopicPartition partition, CommittedOffset offset) {
        if (group == null || group.protocolType() == null) {
            return offset.commitTimestampMs();
        }
        if (group.isInState(ClassicGroupState.EMPTY)) {
            return group.currentStateTimestampMs();
        }
        boolean knownSubscriptions = ConsumerSubscriptions.subscribedTopics(group).isPresent();
        if (group.isInState(ClassicGroupState.STABLE) && knownSubscriptions
                && !ConsumerSubscriptions.isSubscribedToTopic(group, partition.topic())) {
            return offset.commitTimestampMs();
        }
        return null;
    }
}
