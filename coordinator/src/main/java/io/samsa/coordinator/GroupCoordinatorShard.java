package io.samsa.coordinator;

import io.samsa.coordinator.classic.JoinGroupResult;
import io.samsa.coordinator.classic.Rebalancer;
import io.samsa.coordinator.classic.SyncGroupResult;
import io.samsa.coordinator.consumer.ClassicGroupProbe;
import io.samsa.coordinator.consumer.ConsumerGroupStore;
import io.samsa.coordinator.consumer.ConsumerMemberTimers;
import io.samsa.coordinator.consumer.GroupOverrides;
import io.samsa.coordinator.consumer.TopicLookup;
import io.samsa.coordinator.group.ClassicGroupSoftState;
import io.samsa.coordinator.group.ClassicGroupStore;
import io.samsa.coordinator.migration.ClassicMemberLookup;
import io.samsa.coordinator.migration.MigrationBridge;
import io.samsa.coordinator.migration.MigrationContext;
import io.samsa.coordinator.offsets.OffsetExpirationHandler;
import io.samsa.coordinator.offsets.OffsetStore;
import io.samsa.coordinator.offsets.OffsetsContext;
import io.samsa.coordinator.offsets.PendingOffsetStore;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.records.proto.GroupMetadataValue;
import io.samsa.coordinator.records.proto.OffsetCommitValue;
import io.samsa.coordinator.records.proto.RecordKey;
import io.samsa.coordinator.runtime.CoordinatorShard;
import io.samsa.coordinator.runtime.CoordinatorShardContext;
import io.samsa.coordinator.runtime.CoordinatorTimer;
import io.samsa.protocol.ErrorCode;
import java.util.HashMap;
import java.util.Map;

/**
 * The group coordinator's state for one {@code __consumer_offsets} partition: its classic groups, its
 * consumer groups (KIP-848) and its committed offsets. It holds state and replays records; the per-API handlers (offsets, and in
 * the next phase join, sync, heartbeat, leave, describe/list/delete, expiry) read it and return
 * records, each in its own class.
 *
 * <p>Persisted state, changed only by {@link #replay}, one method per record type: the groups
 * ({@link ClassicGroupStore}, {@link ConsumerGroupStore}) and the offsets ({@link OffsetStore}).
 * Handlers see it only through narrow interfaces: {@link io.samsa.coordinator.classic.ClassicGroupContext},
 * {@link OffsetsContext} (offsets and admin), {@link io.samsa.coordinator.consumer.ConsumerGroupContext} and
 * {@link MigrationContext} (online migration between the two group types, through {@link MigrationBridge}). In-memory only: the timer and
 * each group's {@link ClassicGroupSoftState} (pending member ids, parked JoinGroup/SyncGroup responses).
 *
 * <p>Not thread-safe: owned by the partition's event thread.
 */
public final class GroupCoordinatorShard implements CoordinatorShard, OffsetsContext, MigrationContext {
    private final int partition;
    private final GroupCoordinatorConfig config;
    private final CoordinatorTimer timer;
    private final ClassicGroupStore groups;
    private final OffsetStore offsets;
    private final ConsumerGroupStore consumerGroups;
    private final PendingOffsetStore pendingOffsets;
    private final Rebalancer rebalancer;
    private final GroupOverrides overrides;
    private final Map<String, ClassicGroupSoftState<JoinGroupResult, SyncGroupResult>> softStates = new HashMap<>();
    private final TopicLookup topics;
    private final ClassicGroupProbe classicProbe;

    public GroupCoordinatorShard(CoordinatorShardContext context, GroupCoordinatorConfig config) {
        this(context, config, GroupOverrides.NONE);
    }

    /** @param overrides the consumer groups' own session timeouts and heartbeat intervals */
    public GroupCoordinatorShard(CoordinatorShardContext context, GroupCoordinatorConfig config, GroupOverrides overrides) {
        this(context, config, overrides, TopicLookup.NONE);
    }

    /**
     * @param overrides the consumer groups' own session timeouts and heartbeat intervals
     * @param topics    the topics with their ids, which online migration maps classic members' partitions with
     */
    public GroupCoordinatorShard(CoordinatorShardContext context, GroupCoordinatorConfig config, GroupOverrides overrides,
                                 TopicLookup topics) {
        this.overrides = overrides;
        this.topics = topics;
        this.partition = context.partition();
        this.config = config;
        this.timer = context.timer();
        this.groups = new ClassicGroupStore(context.snapshotRegistry());
        this.offsets = new OffsetStore(context.snapshotRegistry());
        this.consumerGroups = new ConsumerGroupStore(context.snapshotRegistry());
        this.pendingOffsets = new PendingOffsetStore(context.snapshotRegistry());
        this.rebalancer = new Rebalancer(config.classic());
        this.classicProbe = new MigrationBridge(this, config.consumer(), config.classic(), context.time()::milliseconds);
    }

    @Override
    public void replay(CoordinatorRecord record) {
        switch (record.type()) {
            case GROUP_METADATA -> replayGroupMetadata(record.key(), (GroupMetadataValue) record.value());
            case OFFSET_COMMIT -> replayOffsetCommit(record.key(), (OffsetCommitValue) record.value());
            case CONSUMER_GROUP_METADATA, CONSUMER_GROUP_MEMBER_METADATA, CONSUMER_GROUP_TARGET_ASSIGNMENT_METADATA,
                 CONSUMER_GROUP_TARGET_ASSIGNMENT_MEMBER, CONSUMER_GROUP_CURRENT_MEMBER_ASSIGNMENT -> consumerGroups.replay(record);
            case TXN_OFFSET_COMMIT -> pendingOffsets.replay(record.key().getProducerId(), record.key().getGroupId(),
                    new TopicPartition(record.key().getTopic(), record.key().getPartition()), (OffsetCommitValue) record.value());
            case RECORD_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("cannot replay " + record.type());
        }
    }

    /** @param value null for a tombstone */
    private void replayGroupMetadata(RecordKey key, GroupMetadataValue value) {
        groups.replay(key.getGroupId(), value);
        if (value == null) {
            forgetIdleSoftState(key.getGroupId());
        }
    }

    /** @param value null for a tombstone */
    private void replayOffsetCommit(RecordKey key, OffsetCommitValue value) {
        offsets.replay(key.getGroupId(), new TopicPartition(key.getTopic(), key.getPartition()), value);
    }

    /** Restarts the deadlines the loaded groups imply and the periodic offset-retention check. */
    @Override
    public void onLoaded(long nowMs) {
        rebalancer.onLoaded(this);
        new ConsumerMemberTimers(config.consumer(), overrides).onLoaded(this);
        new OffsetExpirationHandler(config.offsetsRetentionMs(), config.offsetsRetentionCheckIntervalMs(),
                config.maxWriteBytes()).schedule(this);
    }

    public int partition() {
        return partition;
    }

    public GroupCoordinatorConfig config() {
        return config;
    }

    @Override
    public CoordinatorTimer timer() {
        return timer;
    }

    @Override
    public ClassicGroupStore groups() {
        return groups;
    }

    @Override
    public OffsetStore offsets() {
        return offsets;
    }

    /** @return the offsets committed in transactions not yet ended by a marker */
    @Override
    public PendingOffsetStore pendingOffsets() {
        return pendingOffsets;
    }

    @Override
    public boolean isOtherGroupType(String groupId) {
        return ClassicMemberLookup.isConsumerGroupWithMembers(this, groupId);
    }

    @Override
    public ConsumerGroupStore consumerGroups() {
        return consumerGroups;
    }

    @Override
    public TopicLookup topics() {
        return topics;
    }

    /** @return how a classic group under a consumer group's id stands (none, Empty, with members), its tombstone, migration */
    @Override
    public ClassicGroupProbe classicGroups() {
        return classicProbe;
    }

    @Override
    public Rebalancer rebalancer() {
        return rebalancer;
    }

    /** @return the in-memory-only part of a group (created empty on first use) */
    @Override
    public ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> softState(String groupId) {
        return softStates.computeIfAbsent(groupId, id -> new ClassicGroupSoftState<>());
    }

    /**
     * Drops a group's in-memory part when it holds nothing, so group ids that come and go (deleted
     * groups, MEMBER_ID_REQUIRED ids never used) leave nothing behind. Safe anywhere, replay
     * included: an idle part is recreated empty on demand.
     */
    @Override
    public void forgetIdleSoftState(String groupId) {
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = softStates.get(groupId);
        if (soft != null && soft.isIdle()) {
            softStates.remove(groupId);
        }
    }

    /** @return the in-memory-only part of a group, or null when it has none (never creates one) */
    @Override
    public ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> existingSoftState(String groupId) {
        return softStates.get(groupId);
    }

    /** Answers every parked request with NOT_COORDINATOR: the group moves to another coordinator. */
    @Override
    public void onUnloaded() {
        for (ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft : softStates.values()) {
            soft.awaitingJoin().takeAll().forEach((memberId, future) ->
                    future.complete(JoinGroupResult.failed(ErrorCode.NOT_COORDINATOR, memberId)));
            soft.awaitingSync().takeAll().values().forEach(future ->
                    future.complete(SyncGroupResult.failed(ErrorCode.NOT_COORDINATOR)));
        }
        softStates.clear();
    }
}
