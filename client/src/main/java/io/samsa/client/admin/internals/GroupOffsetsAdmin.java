package io.samsa.client.admin.internals;

import io.samsa.client.admin.ListOffsetsResultInfo;
import io.samsa.client.admin.OffsetSpec;
import io.samsa.client.admin.PartitionLag;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.OffsetAndMetadata;
import io.samsa.client.errors.Errors;
import io.samsa.client.internals.metadata.CoordinatorType;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.client.internals.network.NodeApiVersions;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.OffsetCommitRequest;
import io.samsa.protocol.message.OffsetCommitResponse;
import io.samsa.protocol.message.OffsetFetchRequest;
import io.samsa.protocol.message.OffsetFetchResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A group's committed offsets: fetch them (OffsetFetch, v0-7 single group or v8+ groups array,
 * whichever the coordinator speaks), overwrite them (OffsetCommit as a non-member: generation -1,
 * empty member id, which the coordinator accepts only while the group has no active members), and
 * compare them with log-end offsets (lag).
 *
 * <p>Thread-safe: stateless apart from the shared {@link AdminContext}.
 */
public final class GroupOffsetsAdmin {
    /** "All topics" (null topics) arrived in OffsetFetch v2. */
    private static final int MIN_OFFSET_FETCH_VERSION = 2;
    private static final int FIRST_OFFSET_FETCH_WITH_GROUPS = 8;
    private static final int FIRST_OFFSET_COMMIT_WITH_LEADER_EPOCH = 6;
    private static final long NO_OFFSET = -1L;

    private final AdminContext context;
    private final OffsetAdmin offsets;

    public GroupOffsetsAdmin(AdminContext context, OffsetAdmin offsets) {
        this.context = context;
        this.offsets = offsets;
    }

    /** Every committed offset of the group; partitions without one are left out. */
    public CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(String groupId) {
        return KeyedRetry.run(context, "listConsumerGroupOffsets", List.of(groupId), open -> CoordinatorRouting.attempt(context, open,
            (coordinator, groups) -> {
                ClientRequest request = ClientRequest.build(ApiMessageType.OFFSET_FETCH, MIN_OFFSET_FETCH_VERSION,
                    NodeApiVersions.clientMaxVersion(ApiMessageType.OFFSET_FETCH), v -> v >= FIRST_OFFSET_FETCH_WITH_GROUPS
                        ? new OffsetFetchRequest().setGroups(List.of(new OffsetFetchRequest.OffsetFetchRequestGroup()
                            .setGroupId(groupId).setTopics(null)))
                        : new OffsetFetchRequest().setGroupId(groupId).setTopics(null));
                return context.network().send(coordinator, request, OffsetFetchResponse.class)
                    .thenApply(response -> Map.of(groupId, committed(response)));
            })).get(groupId);
    }

    /** One committed partition of either response layout. */
    private record Row(String topic, int partition, long offset, int leaderEpoch, String metadata, short errorCode) {
    }

    private static Outcome<Map<TopicPartition, OffsetAndMetadata>> committed(OffsetFetchResponse response) {
        List<Row> rows = new ArrayList<>();
        ErrorCode error;
        if (!response.groups().isEmpty()) {
            // v8+: one entry per group asked for; we ask for one
            OffsetFetchResponse.OffsetFetchResponseGroup group = response.groups().get(0);
            error = ErrorCode.forCode(group.errorCode());
            for (OffsetFetchResponse.OffsetFetchResponseTopics topic : group.topics()) {
                for (OffsetFetchResponse.OffsetFetchResponsePartitions p : topic.partitions()) {
                    rows.add(new Row(topic.name(), p.partitionIndex(), p.committedOffset(), p.committedLeaderEpoch(),
                        p.metadata(), p.errorCode()));
                }
            }
        } else {
            error = ErrorCode.forCode(response.errorCode());
            for (OffsetFetchResponse.OffsetFetchResponseTopic topic : response.topics()) {
                for (OffsetFetchResponse.OffsetFetchResponsePartition p : topic.partitions()) {
                    rows.add(new Row(topic.name(), p.partitionIndex(), p.committedOffset(), p.committedLeaderEpoch(),
                        p.metadata(), p.errorCode()));
                }
            }
        }
        if (error != ErrorCode.NONE) {
            return Outcome.of(Errors.toException(error, "OffsetFetch"));
        }
        Map<TopicPartition, OffsetAndMetadata> result = new LinkedHashMap<>();
        for (Row row : rows) {
            Outcome<Void> failed = add(result, row.topic(), row.partition(), row.offset(), row.leaderEpoch(), row.metadata(),
                row.errorCode());
            if (failed != null) {
                return Outcome.of(failed.error());
            }
        }
        return Outcome.ok(result);
    }

    private static Outcome<Void> add(Map<TopicPartition, OffsetAndMetadata> result, String topic, int partition, long offset,
                                     int leaderEpoch, String metadata, short errorCode) {
        ErrorCode error = ErrorCode.forCode(errorCode);
        if (error != ErrorCode.NONE) {
            return Outcome.of(Errors.toException(error, "partition " + topic + "-" + partition));
        }
        if (offset != NO_OFFSET) {
            Optional<Integer> epoch = leaderEpoch < 0 ? Optional.empty() : Optional.of(leaderEpoch);
            result.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset, epoch, metadata == null ? "" : metadata));
        }
        return null;
    }

    /** Overwrites committed offsets; the group must have no active members. */
    public Map<TopicPartition, CompletableFuture<Void>> alterConsumerGroupOffsets(String groupId,
                                                                                  Map<TopicPartition, OffsetAndMetadata> offsets) {
        return KeyedRetry.run(context, "alterConsumerGroupOffsets", offsets.keySet(), open ->
            context.coordinators().find(CoordinatorType.GROUP, groupId).thenCompose(coordinator -> {
                ClientRequest request = ClientRequest.build(ApiMessageType.OFFSET_COMMIT, 2,
                    NodeApiVersions.clientMaxVersion(ApiMessageType.OFFSET_COMMIT), v -> commitRequest(groupId, open, offsets, v));
                return context.network().send(coordinator, request, OffsetCommitResponse.class);
            }).thenApply(response -> {
                Map<TopicPartition, Outcome<Void>> outcomes = new HashMap<>();
                for (OffsetCommitResponse.OffsetCommitResponseTopic topic : response.topics()) {
                    for (OffsetCommitResponse.OffsetCommitResponsePartition p : topic.partitions()) {
                        Outcome<Void> outcome = TopicAdmin.outcome(p.errorCode(), null);
                        if (CoordinatorRouting.movedCoordinator(outcome.error())) {
                            context.coordinators().invalidate(CoordinatorType.GROUP, groupId);
                        }
                        outcomes.put(new TopicPartition(topic.name(), p.partitionIndex()), outcome);
                    }
                }
                return outcomes;
            }).whenComplete((done, error) -> {
                if (error != null && CoordinatorRouting.movedCoordinator(KeyedRetry.unwrap(error))) {
                    context.coordinators().invalidate(CoordinatorType.GROUP, groupId);
                }
            }));
    }

    private static OffsetCommitRequest commitRequest(String groupId, Set<TopicPartition> open,
                                                     Map<TopicPartition, OffsetAndMetadata> offsets, int version) {
        List<OffsetCommitRequest.OffsetCommitRequestTopic> topics = new ArrayList<>();
        LeaderRouting.byTopic(open, tp -> {
            OffsetAndMetadata offset = offsets.get(tp);
            OffsetCommitRequest.OffsetCommitRequestPartition p = new OffsetCommitRequest.OffsetCommitRequestPartition()
                .setPartitionIndex(tp.partition()).setCommittedOffset(offset.offset()).setCommittedMetadata(offset.metadata());
            if (version >= FIRST_OFFSET_COMMIT_WITH_LEADER_EPOCH) {
                p.setCommittedLeaderEpoch(offset.leaderEpoch().orElse(-1));
            }
            return p;
        }).forEach((topic, partitions) -> topics.add(new OffsetCommitRequest.OffsetCommitRequestTopic().setName(topic).setPartitions(partitions)));
        return new OffsetCommitRequest().setGroupId(groupId).setGenerationIdOrMemberEpoch(-1).setMemberId("").setTopics(topics);
    }

    /** Committed offset versus log end, for every partition the group has committed. */
    public CompletableFuture<Map<TopicPartition, PartitionLag>> lag(String groupId) {
        return listConsumerGroupOffsets(groupId).thenCompose(committed -> {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            committed.keySet().forEach(tp -> specs.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, CompletableFuture<ListOffsetsResultInfo>> ends = offsets.listOffsets(specs);
            return CompletableFuture.allOf(ends.values().toArray(new CompletableFuture<?>[0])).thenApply(done -> {
                Map<TopicPartition, PartitionLag> lag = new LinkedHashMap<>();
                committed.forEach((tp, offset) -> lag.put(tp, new PartitionLag(offset.offset(), ends.get(tp).join().offset())));
                return lag;
            });
        });
    }
}
