package io.samsa.coordinator;

import io.samsa.coordinator.group.ClassicGroupStore;
import io.samsa.coordinator.offsets.OffsetExpirationHandler;
import io.samsa.coordinator.offsets.OffsetStore;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.records.proto.GroupMetadataValue;
import io.samsa.coordinator.records.proto.OffsetCommitValue;
import io.samsa.coordinator.records.proto.RecordKey;
import io.samsa.coordinator.runtime.CoordinatorShard;
import io.samsa.coordinator.runtime.CoordinatorShardContext;
import io.samsa.coordinator.runtime.CoordinatorTimer;

/**
 * The group coordinator's state for one {@code __consumer_offsets} partition: its classic groups and
 * its committed offsets. It holds state and replays records; the per-API handlers (offsets, and in
 * the next phase join, sync, heartbeat, leave, describe/list/delete, expiry) read it and return
 * records, each in its own class.
 *
 * <p>Persisted state, changed only by {@link #replay}, one method per record type: the groups
 * ({@link ClassicGroupStore}) and the offsets ({@link OffsetStore}). In-memory only: the timer and,
 * once the join/sync handlers exist, each group's {@code ClassicGroupSoftState}.
 *
 * <p>Not thread-safe: owned by the partition's event thread.
 */
public final class GroupCoordinatorShard implements CoordinatorShard {
    private final int partition;
    private final GroupCoordinatorConfig config;
    private final CoordinatorTimer timer;
    private final ClassicGroupStore groups;
    private final OffsetStore offsets;

    public GroupCoordinatorShard(CoordinatorShardContext context, GroupCoordinatorConfig config) {
        this.partition = context.partition();
        this.config = config;
        this.timer = context.timer();
        this.groups = new ClassicGroupStore(context.snapshotRegistry());
        this.offsets = new OffsetStore(context.snapshotRegistry());
    }

    @Override
    public void replay(CoordinatorRecord record) {
        switch (record.type()) {
            case GROUP_METADATA -> replayGroupMetadata(record.key(), (GroupMetadataValue) record.value());
            case OFFSET_COMMIT -> replayOffsetCommit(record.key(), (OffsetCommitValue) record.value());
            case RECORD_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("cannot replay " + record.type());
        }
    }

    /** @param value null for a tombstone */
    private void replayGroupMetadata(RecordKey key, GroupMetadataValue value) {
        groups.replay(key.getGroupId(), value);
    }

    /** @param value null for a tombstone */
    private void replayOffsetCommit(RecordKey key, OffsetCommitValue value) {
        offsets.replay(key.getGroupId(), new TopicPartition(key.getTopic(), key.getPartition()), value);
    }

    /** Starts the periodic offset-retention check. */
    @Override
    public void onLoaded(long nowMs) {
        new OffsetExpirationHandler(config.offsetsRetentionMs(), config.offsetsRetentionCheckIntervalMs(),
                config.maxWriteBytes()).schedule(this);
    }

    public int partition() {
        return partition;
    }

    public GroupCoordinatorConfig config() {
        return config;
    }

    public CoordinatorTimer timer() {
        return timer;
    }

    public ClassicGroupStore groups() {
        return groups;
    }

    public OffsetStore offsets() {
        return offsets;
    }
}
