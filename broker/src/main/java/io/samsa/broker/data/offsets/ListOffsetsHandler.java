package io.samsa.broker.data.offsets;

import io.samsa.broker.metadata.LeaderEpoch;
import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.data.partitions.PartitionLookup;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ListOffsetsRequest;
import io.samsa.protocol.message.ListOffsetsRequest.ListOffsetsPartition;
import io.samsa.protocol.message.ListOffsetsRequest.ListOffsetsTopic;
import io.samsa.protocol.message.ListOffsetsResponse;
import io.samsa.protocol.message.ListOffsetsResponse.ListOffsetsPartitionResponse;
import io.samsa.protocol.message.ListOffsetsResponse.ListOffsetsTopicResponse;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.StorageException;
import io.samsa.storage.TimestampAndOffset;
import io.samsa.storage.TopicPartition;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets (key 2), versions 1-10: earliest (-2), latest (-1), max timestamp (-3), earliest
 * local (-4, the same as earliest without tiered storage) and the first offset at or after a
 * timestamp. Latest with isolation_level 1 (READ_COMMITTED, v2+) answers the last stable offset, as
 * Kafka does; with 0 the high watermark. A timestamp no record reaches, or an unknown special value,
 * answers offset -1.
 *
 * <p>A replicated partition answers only on its leader, after the current_leader_epoch check
 * (NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH); latest is its high
 * watermark for consumers (replica_id &lt; 0), the log end offset for a replica. On a single-node
 * partition the high watermark is the log end offset.
 *
 * <p>Thread-safe.
 */
public final class ListOffsetsHandler extends MessageHandler<ListOffsetsRequest, ListOffsetsResponse> {
    static final long LATEST = -1;
    static final long EARLIEST = -2;
    static final long MAX_TIMESTAMP = -3;
    static final long EARLIEST_LOCAL = -4;
    /** Responses carry a leader epoch from v4. */
    static final short FIRST_LEADER_EPOCH_VERSION = 4;
    /** isolation_level READ_COMMITTED (v2+; earlier versions decode it as 0). */
    static final byte READ_COMMITTED = 1;
    /** The only leader epoch of a single-node partition. */

    private final PartitionLookup partitions;
    private final ReplicaManager replicas;

    public ListOffsetsHandler(PartitionLookup partitions, ReplicaManager replicas) {
        super(ApiKey.LIST_OFFSETS);
        this.partitions = partitions;
        this.replicas = replicas;
    }

    @Override
    protected CompletableFuture<ListOffsetsResponse> handle(RequestContext context, ListOffsetsRequest request) {
        List<ListOffsetsTopicResponse> topics = new ArrayList<>();
        for (ListOffsetsTopic topic : request.topics()) {
            List<ListOffsetsPartitionResponse> results = new ArrayList<>();
            for (ListOffsetsPartition partition : topic.partitions()) {
                results.add(answer(topic.name(), partition, context.apiVersion(), request.replicaId(),
                        request.isolationLevel() == READ_COMMITTED));
            }
            topics.add(new ListOffsetsTopicResponse().setName(topic.name()).setPartitions(results));
        }
        return CompletableFuture.completedFuture(new ListOffsetsResponse().setTopics(topics));
    }

    private ListOffsetsPartitionResponse answer(String topic, ListOffsetsPartition request, short version, int replicaId,
                                                boolean readCommitted) {
        ListOffsetsPartitionResponse response = new ListOffsetsPartitionResponse()
                .setPartitionIndex(request.partitionIndex()).setTimestamp(-1).setOffset(-1).setLeaderEpoch(-1);
        Optional<PartitionLog> found = partitions.log(topic, request.partitionIndex());
        if (found.isEmpty()) {
            return response.setErrorCode(partitions.missing(topic, request.partitionIndex()).code());
        }
        PartitionLog log = found.get();
        ReplicatedPartition replicated = replicas.partition(new TopicPartition(topic, request.partitionIndex())).orElse(null);
        if (replicated != null) {
            ErrorCode roleError = replicated.checkLeader(request.currentLeaderEpoch());
            if (roleError != ErrorCode.NONE) {
                return response.setErrorCode(roleError.code());
            }
        }
        int leaderEpoch = replicated == null ? LeaderEpoch.CURRENT : replicated.leaderEpoch();
        long timestamp = request.timestamp();
        try {
            Optional<TimestampAndOffset> result;
            if (timestamp == EARLIEST || timestamp == EARLIEST_LOCAL) {
                result = Optional.of(log.earliestOffset());
            } else if (timestamp == LATEST) {
                long highWatermark = replicated == null || replicaId >= 0 ? log.logEndOffset() : replicated.highWatermark();
                long latest = readCommitted && replicaId < 0 ? log.lastStableOffset(highWatermark) : highWatermark;
                result = Optional.of(new TimestampAndOffset(-1, latest));
            } else if (timestamp == MAX_TIMESTAMP) {
                result = log.maxTimestampOffset();
            } else if (timestamp >= 0) {
                result = log.offsetForTimestamp(timestamp);
            } else {
                result = Optional.empty();
            }
            response.setErrorCode(ErrorCode.NONE.code());
            result.ifPresent(answer -> response.setTimestamp(answer.timestampMs()).setOffset(answer.offset())
                    .setLeaderEpoch(version >= FIRST_LEADER_EPOCH_VERSION ? leaderEpoch : -1));
            return response;
        } catch (StorageException e) {
            return response.setErrorCode(ErrorCode.KAFKA_STORAGE_ERROR.code());
        }
    }
}
