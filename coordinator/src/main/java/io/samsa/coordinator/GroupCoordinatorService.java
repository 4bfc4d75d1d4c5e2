package io.samsa.coordinator;

import io.samsa.coordinator.admin.DeleteGroupsHandler;
import io.samsa.coordinator.admin.DescribeGroupsHandler;
import io.samsa.coordinator.admin.DescribedGroup;
import io.samsa.coordinator.admin.ListGroupsHandler;
import io.samsa.coordinator.admin.ListGroupsRequest;
import io.samsa.coordinator.admin.ListGroupsResponse;
import io.samsa.coordinator.classic.HeartbeatHandler;
import io.samsa.coordinator.classic.HeartbeatRequest;
import io.samsa.coordinator.classic.JoinGroupHandler;
import io.samsa.coordinator.classic.JoinGroupRequest;
import io.samsa.coordinator.classic.JoinGroupResult;
import io.samsa.coordinator.classic.LeaveGroupHandler;
import io.samsa.coordinator.classic.LeaveGroupRequest;
import io.samsa.coordinator.classic.LeaveGroupResult;
import io.samsa.coordinator.classic.SyncGroupHandler;
import io.samsa.coordinator.classic.SyncGroupRequest;
import io.samsa.coordinator.classic.SyncGroupResult;
import io.samsa.coordinator.consumer.ConsumerGroupDescribeHandler;
import io.samsa.coordinator.consumer.ConsumerGroupHeartbeatHandler;
import io.samsa.coordinator.consumer.ConsumerGroupHeartbeatRequest;
import io.samsa.coordinator.consumer.ConsumerGroupHeartbeatResponse;
import io.samsa.coordinator.consumer.DescribedConsumerGroup;
import io.samsa.coordinator.consumer.GroupOverrides;
import io.samsa.coordinator.consumer.SubscribedTopics;
import io.samsa.coordinator.consumer.TopicLookup;
import io.samsa.coordinator.migration.ClassicMemberHeartbeatHandler;
import io.samsa.coordinator.migration.ClassicMemberJoinHandler;
import io.samsa.coordinator.migration.ClassicMemberLeaveHandler;
import io.samsa.coordinator.migration.ClassicMemberLookup;
import io.samsa.coordinator.migration.ClassicMemberSyncHandler;
import io.samsa.coordinator.migration.EmptyConsumerGroupReplacement;
import io.samsa.coordinator.offsets.OffsetCommitHandler;
import io.samsa.coordinator.offsets.OffsetCommitRequest;
import io.samsa.coordinator.offsets.OffsetCommitResponse;
import io.samsa.coordinator.offsets.OffsetDeleteHandler;
import io.samsa.coordinator.offsets.OffsetDeleteRequest;
import io.samsa.coordinator.offsets.OffsetDeleteResponse;
import io.samsa.coordinator.offsets.OffsetFetchHandler;
import io.samsa.coordinator.offsets.OffsetFetchRequest;
import io.samsa.coordinator.offsets.OffsetFetchResponse;
import io.samsa.coordinator.offsets.TopicMetadataLookup;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.offsets.TxnOffsetCommitHandler;
import io.samsa.coordinator.offsets.TxnOffsetCompletionHandler;
import io.samsa.coordinator.offsets.UnknownPartitionFilter;
import io.samsa.coordinator.runtime.CoordinatorException;
import io.samsa.coordinator.runtime.CoordinatorLog;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.coordinator.runtime.CoordinatorRuntime;
import io.samsa.coordinator.runtime.CoordinatorWriteOperation;
import io.samsa.coordinator.runtime.ThreadPoolEventExecutor;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.util.Time;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The group coordinator as the broker sees it: one method per group API, each taking a domain
 * request and completing with a domain response that carries any error as an error code (the
 * future itself never fails). It maps the group to its {@code __consumer_offsets} partition, runs
 * the API's handler there through the {@link CoordinatorRuntime}, and turns runtime failures
 * (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, failed appends) into the response's error.
 *
 * <p>The broker calls {@link #onElection} / {@link #onResignation} when it gains or loses
 * leadership of an offsets partition, and implements {@link CoordinatorLog} on the partition log.
 *
 * <p>Thread-safe: call from any thread; futures complete on coordinator threads, so callers hop to
 * their own executor before doing anything slow.
 */
public final class GroupCoordinatorService implements AutoCloseable {
    private final GroupCoordinatorConfig config;
    private final CoordinatorRuntime<GroupCoordinatorShard> runtime;
    private final TopicMetadataLookup topics;
    private final OffsetCommitHandler offsetCommit;
    private final OffsetFetchHandler offsetFetch = new OffsetFetchHandler();
    private final OffsetDeleteHandler offsetDelete = new OffsetDeleteHandler();
    private final JoinGroupHandler joinGroup;
    private final SyncGroupHandler syncGroup = new SyncGroupHandler();
    private final HeartbeatHandler heartbeat = new HeartbeatHandler();
    private final LeaveGroupHandler leaveGroup = new LeaveGroupHandler();
    private final ListGroupsHandler listGroups = new ListGroupsHandler();
    private final DescribeGroupsHandler describeGroups = new DescribeGroupsHandler();
    private final DeleteGroupsHandler deleteGroups = new DeleteGroupsHandler();
    private final ConsumerGroupHeartbeatHandler consumerHeartbeat;
    private final ClassicMemberJoinHandler classicMemberJoin;
    private final ClassicMemberSyncHandler classicMemberSync = new ClassicMemberSyncHandler();
    private final ClassicMemberHeartbeatHandler classicMemberHeartbeat = new ClassicMemberHeartbeatHandler();
    private final ClassicMemberLeaveHandler classicMemberLeave = new ClassicMemberLeaveHandler();
    private final ConsumerGroupDescribeHandler consumerDescribe;
    private final TxnOffsetCommitHandler txnOffsetCommit;
    private final TxnOffsetCompletionHandler txnOffsetCompletion = new TxnOffsetCompletionHandler();

    /**
     * A coordinator whose consumer groups see no topics (for tests of classic groups and offsets).
     *
     * @param runtime a runtime whose shards are {@link GroupCoordinatorShard}s built with {@code config}
     * @param topics  the topics that exist, to refuse commits for partitions that do not
     */
    public GroupCoordinatorService(GroupCoordinatorConfig config, CoordinatorRuntime<GroupCoordinatorShard> runtime,
                                   TopicMetadataLookup topics) {
        this(config, runtime, topics, TopicLookup.NONE);
    }

    /**
     * @param runtime a runtime whose shards are {@link GroupCoordinatorShard}s built with {@code config}
     * @param topics  the topics that exist, to refuse commits for partitions that do not
     * @param image   the topics with their ids, which consumer groups subscribe to and are assigned
     */
    public GroupCoordinatorService(GroupCoordinatorConfig config, CoordinatorRuntime<GroupCoordinatorShard> runtime,
                                   TopicMetadataLookup topics, TopicLookup image) {
        this(config, runtime, topics, image, GroupOverrides.NONE);
    }

    /**
     * @param runtime   a runtime whose shards are {@link GroupCoordinatorShard}s built with {@code config} and {@code overrides}
     * @param topics    the topics that exist, to refuse commits for partitions that do not
     * @param image     the topics with their ids, which consumer groups subscribe to and are assigned
     * @param overrides the consumer groups' own configs (session timeout, heartbeat interval)
     */
    public GroupCoordinatorService(GroupCoordinatorConfig config, CoordinatorRuntime<GroupCoordinatorShard> runtime,
                                   TopicMetadataLookup topics, TopicLookup image, GroupOverrides overrides) {
        this.config = config;
        this.runtime = runtime;
        this.topics = topics;
        this.offsetCommit = new OffsetCommitHandler(config.offsetMetadataMaxBytes());
        this.joinGroup = new JoinGroupHandler(config.classic());
        SubscribedTopics subscribed = new SubscribedTopics(image);
        this.consumerHeartbeat = new ConsumerGroupHeartbeatHandler(config.consumer(), subscribed, overrides);
        this.classicMemberJoin = new ClassicMemberJoinHandler(config.classic(), config.consumer(), subscribed);
        this.consumerDescribe = new ConsumerGroupDescribeHandler(image, config.consumer());
        this.txnOffsetCommit = new TxnOffsetCommitHandler(config.offsetMetadataMaxBytes());
    }

    /**
     * The production wiring: group.coordinator.threads event threads and a timer ticker.
     *
     * @param log    the broker's view of {@code __consumer_offsets}
     * @param topics the topics that exist
     */
    public static GroupCoordinatorService start(GroupCoordinatorConfig config, Time time, CoordinatorLog log,
                                                TopicMetadataLookup topics) {
        return start(config, time, log, topics, TopicLookup.NONE);
    }

    /**
     * The production wiring: group.coordinator.threads event threads and a timer ticker.
     *
     * @param log    the broker's view of {@code __consumer_offsets}
     * @param topics the topics that exist
     * @param image  the topics with their ids, for consumer groups
     */
    public static GroupCoordinatorService start(GroupCoordinatorConfig config, Time time, CoordinatorLog log,
                                                TopicMetadataLookup topics, TopicLookup image) {
        return start(config, time, log, topics, image, GroupOverrides.NONE);
    }

    /**
     * The production wiring: group.coordinator.threads event threads and a timer ticker.
     *
     * @param log       the broker's view of {@code __consumer_offsets}
     * @param topics    the topics that exist
     * @param image     the topics with their ids, for consumer groups
     * @param overrides the consumer groups' own configs (IncrementalAlterConfigs on GROUP resources)
     */
    public static GroupCoordinatorService start(GroupCoordinatorConfig config, Time time, CoordinatorLog log,
                                                TopicMetadataLookup topics, TopicLookup image, GroupOverrides overrides) {
        CoordinatorRuntime<GroupCoordinatorShard> runtime = CoordinatorRuntime.<GroupCoordinatorShard>builder()
                .withTime(time)
                .withExecutor(new ThreadPoolEventExecutor(config.coordinatorThreads(), "samsa-group-coordinator"))
                .withLog(log)
                .withShardFactory(context -> new GroupCoordinatorShard(context, config, overrides, image))
                .withMaxWriteBytes(config.maxWriteBytes())
                .withAppendTimeoutMs(config.offsetCommitTimeoutMs())
                .withTimerTicker(config.timerTickMs())
                .build();
        return new GroupCoordinatorService(config, runtime, topics, image, overrides);
    }

    /** @return the {@code __consumer_offsets} partition that coordinates {@code groupId} */
    public int partitionFor(String groupId) {
        return OffsetsTopicPartitioner.partitionFor(groupId, config.offsetsTopicPartitions());
    }

    /** This broker now leads {@code partition}: load it. */
    public CompletableFuture<Void> onElection(int partition) {
        return runtime.scheduleLoad(partition);
    }

    /** This broker no longer leads {@code partition}: drop it. */
    public CompletableFuture<Void> onResignation(int partition) {
        return runtime.scheduleUnload(partition);
    }

    /**
     * This broker leads {@code partition} under {@code leaderEpoch}: load it (again, when an older
     * epoch is loaded); a stale epoch is ignored.
     */
    public CompletableFuture<Void> onElection(int partition, int leaderEpoch) {
        return runtime.scheduleLoad(partition, leaderEpoch);
    }

    /**
     * Leadership of {@code partition} moved on under {@code leaderEpoch}: drop it, unless it was
     * loaded under that epoch or a newer one (stale news).
     */
    public CompletableFuture<Void> onResignation(int partition, int leaderEpoch) {
        return runtime.scheduleUnload(partition, leaderEpoch);
    }

    /** @return the answer, which may come only when the group's join phase ends */
    public CompletableFuture<JoinGroupResult> joinGroup(JoinGroupRequest request) {
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(JoinGroupResult.failed(ErrorCode.INVALID_GROUP_ID, request.memberId()));
        }
        return withParkedAnswer(request.groupId(), "JoinGroup",
                response -> (shard, nowMs) -> classicJoin(shard, request, response, nowMs),
                error -> JoinGroupResult.failed(error, request.memberId()));
    }

    /** A JoinGroup: into a consumer group with members (online migration), replacing an empty one, or a classic group's. */
    private CoordinatorResult<Void> classicJoin(GroupCoordinatorShard shard, JoinGroupRequest request,
                                                CompletableFuture<JoinGroupResult> response, long nowMs) {
        String groupId = request.groupId();
        if (ClassicMemberLookup.isConsumerGroupWithMembers(shard, groupId)) {
            return classicMemberJoin.join(shard, request, response, nowMs);
        }
        CoordinatorResult<Void> joined = joinGroup.join(shard, request, response, nowMs);
        return EmptyConsumerGroupReplacement.holdsEmptyConsumerGroup(shard, groupId)
                ? EmptyConsumerGroupReplacement.replacing(groupId, joined) : joined;
    }

    /** @return the answer, which followers get only once the leader's assignment is durable */
    public CompletableFuture<SyncGroupResult> syncGroup(SyncGroupRequest request) {
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(SyncGroupResult.failed(ErrorCode.INVALID_GROUP_ID));
        }
        return withParkedAnswer(request.groupId(), "SyncGroup",
                response -> (shard, nowMs) -> ClassicMemberLookup.isConsumerGroupWithMembers(shard, request.groupId())
                        ? classicMemberSync.sync(shard, request, response) : syncGroup.sync(shard, request, response, nowMs),
                SyncGroupResult::failed);
    }

    public CompletableFuture<ErrorCode> heartbeat(HeartbeatRequest request) {
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(ErrorCode.INVALID_GROUP_ID);
        }
        return answer(runtime.scheduleWrite(partitionFor(request.groupId()), "Heartbeat",
                (shard, nowMs) -> ClassicMemberLookup.isConsumerGroupWithMembers(shard, request.groupId())
                        ? classicMemberHeartbeat.heartbeat(shard, request) : heartbeat.heartbeat(shard, request)), error -> error);
    }

    public CompletableFuture<LeaveGroupResult> leaveGroup(LeaveGroupRequest request) {
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(LeaveGroupResult.failed(ErrorCode.INVALID_GROUP_ID));
        }
        return answer(runtime.scheduleWrite(partitionFor(request.groupId()), "LeaveGroup",
                (shard, nowMs) -> ClassicMemberLookup.isConsumerGroupWithMembers(shard, request.groupId())
                        ? classicMemberLeave.leave(shard, request) : leaveGroup.leave(shard, request, nowMs)), LeaveGroupResult::failed);
    }

    /** ConsumerGroupHeartbeat (KIP-848): joins, reconciles or removes a consumer-protocol member. */
    public CompletableFuture<ConsumerGroupHeartbeatResponse> consumerGroupHeartbeat(ConsumerGroupHeartbeatRequest request) {
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(
                    ConsumerGroupHeartbeatResponse.failed(ErrorCode.INVALID_GROUP_ID, "GroupId can't be empty."));
        }
        return answer(runtime.scheduleWrite(partitionFor(request.groupId()), "ConsumerGroupHeartbeat",
                        (shard, nowMs) -> consumerHeartbeat.heartbeat(shard, request, nowMs)),
                error -> ConsumerGroupHeartbeatResponse.failed(error, null));
    }

    /** @return one description per requested group id, in request order */
    public CompletableFuture<List<DescribedConsumerGroup>> consumerGroupDescribe(List<String> groupIds) {
        return perPartition(groupIds, (groupId, error) -> DescribedConsumerGroup.failed(groupId, error, null),
                (partition, ids) -> runtime.scheduleRead(partition, "ConsumerGroupDescribe",
                        (shard, nowMs) -> consumerDescribe.describe(shard.consumerGroups(), shard.classicGroups(), ids)),
                (ids, described) -> {
                    Map<String, DescribedConsumerGroup> byId = new HashMap<>();
                    described.forEach(group -> byId.put(group.groupId(), group));
                    return byId;
                })
                .thenApply(byId -> groupIds.stream().map(byId::get).toList());
    }

    /**
     * Partitions that do not exist answer UNKNOWN_TOPIC_OR_PARTITION and are not stored; when none
     * exists the group is not even looked at, as in Kafka (see {@link UnknownPartitionFilter}).
     */
    public CompletableFuture<OffsetCommitResponse> commitOffsets(OffsetCommitRequest request) {
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(OffsetCommitResponse.allFailed(request, ErrorCode.INVALID_GROUP_ID));
        }
        return commitKnownPartitions(request, "OffsetCommit", known -> (shard, nowMs) -> offsetCommit.commit(shard, known, nowMs));
    }

    /** Runs a commit of the partitions that exist; the others answer UNKNOWN_TOPIC_OR_PARTITION. */
    private CompletableFuture<OffsetCommitResponse> commitKnownPartitions(OffsetCommitRequest request, String name,
            Function<OffsetCommitRequest, CoordinatorWriteOperation<GroupCoordinatorShard, OffsetCommitResponse>> operation) {
        UnknownPartitionFilter<OffsetCommitRequest.PartitionCommit> filter = UnknownPartitionFilter.split(
                request.partitions(), commit -> new TopicPartition(commit.topic(), commit.partition()), topics);
        if (filter.knownEntries().isEmpty()) {
            return CompletableFuture.completedFuture(new OffsetCommitResponse(filter.merge(List.of())));
        }
        OffsetCommitRequest known = filter.allKnown() ? request : request.withPartitions(filter.knownEntries());
        return answer(runtime.scheduleWrite(partitionFor(request.groupId()), name, operation.apply(known)),
                error -> OffsetCommitResponse.allFailed(known, commitError(error)))
                .thenApply(response -> new OffsetCommitResponse(filter.merge(response.partitions())));
    }

    /**
     * TxnOffsetCommit: offsets pending under {@code producerId} until its transaction's marker
     * reaches the group's partition ({@link #completeTransaction}). Partitions that do not exist
     * answer UNKNOWN_TOPIC_OR_PARTITION and are not stored.
     */
    public CompletableFuture<OffsetCommitResponse> commitTransactionalOffsets(long producerId, OffsetCommitRequest request) {
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(OffsetCommitResponse.allFailed(request, ErrorCode.INVALID_GROUP_ID));
        }
        return commitKnownPartitions(request, "TxnOffsetCommit",
                known -> (shard, nowMs) -> txnOffsetCommit.commit(shard, producerId, known, nowMs));
    }

    /**
     * A transaction marker of {@code producerId} was appended to {@code __consumer_offsets}
     * partition {@code partition}: commit or drop its pending offsets there.
     *
     * @return NONE once durable, else the coordinator error (the marker's sender retries)
     */
    public CompletableFuture<ErrorCode> completeTransaction(int partition, long producerId, boolean commit) {
        return answer(runtime.scheduleWrite(partition, "TxnOffsetCompletion",
                (shard, nowMs) -> txnOffsetCompletion.complete(shard, producerId, commit)), error -> error);
    }

    public CompletableFuture<OffsetFetchResponse> fetchOffsets(OffsetFetchRequest request) {
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(OffsetFetchResponse.failed(ErrorCode.INVALID_GROUP_ID));
        }
        return answer(runtime.scheduleRead(partitionFor(request.groupId()), "OffsetFetch",
                        (shard, nowMs) -> offsetFetch.fetch(shard, request)),
                OffsetFetchResponse::failed);
    }

    /**
     * Partitions that do not exist answer UNKNOWN_TOPIC_OR_PARTITION; the group is checked all the same
     * (its error is the response's), as in Kafka.
     */
    public CompletableFuture<OffsetDeleteResponse> deleteOffsets(OffsetDeleteRequest request) {
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(OffsetDeleteResponse.failed(ErrorCode.INVALID_GROUP_ID));
        }
        UnknownPartitionFilter<TopicPartition> filter = UnknownPartitionFilter.split(request.partitions(), tp -> tp, topics);
        OffsetDeleteRequest known = new OffsetDeleteRequest(request.groupId(), filter.knownEntries());
        return answer(runtime.scheduleWrite(partitionFor(request.groupId()), "OffsetDelete",
                        (shard, nowMs) -> offsetDelete.delete(shard, known)),
                OffsetDeleteResponse::failed)
                .thenApply(response -> new OffsetDeleteResponse(response.error(), filter.merge(response.partitions())));
    }

    /**
     * Lists the groups of every partition this broker holds. Partitions that cannot answer (still
     * loading) leave their groups out and set the response's error, as Kafka does.
     */
    public CompletableFuture<ListGroupsResponse> listGroups(ListGroupsRequest request) {
        List<CompletableFuture<List<ListGroupsResponse.Listing>>> perPartition = new ArrayList<>();
        for (int partition : new TreeSet<>(runtime.partitions())) {
            perPartition.add(runtime.scheduleRead(partition, "ListGroups", (shard, nowMs) -> listGroups.list(shard, request)));
        }
        return CompletableFuture.allOf(perPartition.toArray(new CompletableFuture<?>[0])).handle((ignored, failure) -> {
            List<ListGroupsResponse.Listing> all = new ArrayList<>();
            ErrorCode error = ErrorCode.NONE;
            for (CompletableFuture<List<ListGroupsResponse.Listing>> future : perPartition) {
                if (future.isCompletedExceptionally()) {
                    ErrorCode partitionError = CoordinatorException.errorOf(future.handle((v, t) -> t).join());
                    if (partitionError != ErrorCode.NOT_COORDINATOR && error == ErrorCode.NONE) {
                        error = partitionError; // NOT_COORDINATOR: unloaded meanwhile, its groups are elsewhere
                    }
                } else {
                    all.addAll(future.join());
                }
            }
            return new ListGroupsResponse(error, all);
        });
    }

    /**
     * @param apiVersion the DescribeGroups version (unknown groups answer differently from v6)
     * @return one description per requested group id, in request order
     */
    public CompletableFuture<List<DescribedGroup>> describeGroups(List<String> groupIds, short apiVersion) {
        return perPartition(groupIds, DescribedGroup::failed,
                (partition, ids) -> runtime.scheduleRead(partition, "DescribeGroups",
                        (shard, nowMs) -> describeGroups.describe(shard, ids, apiVersion)),
                (ids, described) -> {
                    Map<String, DescribedGroup> byId = new HashMap<>();
                    described.forEach(group -> byId.put(group.groupId(), group));
                    return byId;
                })
                .thenApply(byId -> groupIds.stream().map(byId::get).toList());
    }

    /** @return per group id, in request order, NONE or the reason it was not deleted */
    public CompletableFuture<Map<String, ErrorCode>> deleteGroups(List<String> groupIds) {
        return perPartition(groupIds, (groupId, error) -> error,
                (partition, ids) -> runtime.scheduleWrite(partition, "DeleteGroups", (shard, nowMs) -> deleteGroups.delete(shard, ids)),
                (ids, byId) -> byId)
                .thenApply(byId -> {
                    Map<String, ErrorCode> ordered = new LinkedHashMap<>();
                    groupIds.forEach(groupId -> ordered.put(groupId, byId.get(groupId)));
                    return ordered;
                });
    }

    /**
     * Runs a per-group API partition by partition: empty group ids answer INVALID_GROUP_ID at once,
     * the others are grouped by partition with one operation per partition, and a partition that
     * fails answers each of its groups with the error.
     *
     * @return the result by group id
     */
    private <R, P> CompletableFuture<Map<String, R>> perPartition(
            List<String> groupIds,
            BiFunction<String, ErrorCode, R> failed,
            BiFunction<Integer, List<String>, CompletableFuture<P>> operation,
            BiFunction<List<String>, P, Map<String, R>> unpack) {
        Map<String, R> results = new ConcurrentHashMap<>();
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        for (String groupId : new LinkedHashSet<>(groupIds)) {
            if (groupId.isEmpty()) {
                results.put(groupId, failed.apply(groupId, ErrorCode.INVALID_GROUP_ID));
            } else {
                byPartition.computeIfAbsent(partitionFor(groupId), p -> new ArrayList<>()).add(groupId);
            }
        }
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> entry : byPartition.entrySet()) {
            List<String> ids = entry.getValue();
            pending.add(operation.apply(entry.getKey(), ids).handle((value, error) -> {
                if (error == null) {
                    results.putAll(unpack.apply(ids, value));
                } else {
                    ErrorCode code = CoordinatorException.errorOf(error);
                    ids.forEach(id -> results.put(id, failed.apply(id, code)));
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).thenApply(ignored -> results);
    }

    /** The runtime underneath, for the broker's lifecycle and for tests. */
    public CoordinatorRuntime<GroupCoordinatorShard> runtime() {
        return runtime;
    }

    @Override
    public void close() {
        runtime.close();
    }

    /**
     * For APIs whose handler answers through a future it may park (JoinGroup, SyncGroup): the
     * handler completes it, and a failure of the operation itself answers it with the error.
     */
    private <R> CompletableFuture<R> withParkedAnswer(String groupId, String name,
            Function<CompletableFuture<R>, CoordinatorWriteOperation<GroupCoordinatorShard, Void>> operation,
            Function<ErrorCode, R> onError) {
        CompletableFuture<R> response = new CompletableFuture<>();
        runtime.scheduleWrite(partitionFor(groupId), name, operation.apply(response)).whenComplete((ignored, error) -> {
            if (error != null) {
                response.complete(onError.apply(CoordinatorException.errorOf(error)));
            }
        });
        return response;
    }

    /** A commit too large to append is the client's problem: INVALID_COMMIT_OFFSET_SIZE, as in Kafka. */
    private static ErrorCode commitError(ErrorCode error) {
        return error == ErrorCode.RECORD_LIST_TOO_LARGE ? ErrorCode.INVALID_COMMIT_OFFSET_SIZE : error;
    }

    private static <T> CompletableFuture<T> answer(CompletableFuture<T> result, Function<ErrorCode, T> onError) {
        return result.exceptionally(error -> onError.apply(CoordinatorException.errorOf(error)));
    }
}
