package io.samsa.broker.data.offsets;

import io.samsa.broker.metadata.LeaderEpoch;
import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.data.partitions.PartitionLookup;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.OffsetForLeaderEpochRequest;
import io.samsa.protocol.message.OffsetForLeaderEpochRequest.OffsetForLeaderPartition;
import io.samsa.protocol.message.OffsetForLeaderEpochRequest.OffsetForLeaderTopic;
import io.samsa.protocol.message.OffsetForLeaderEpochResponse;
import io.samsa.protocol.message.OffsetForLeaderEpochResponse.EpochEndOffset;
import io.samsa.protocol.message.OffsetForLeaderEpochResponse.OffsetForLeaderTopicResult;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetForLeaderEpoch (key 23), versions 2-4, for consumers validating their position after a
 * metadata change. A single node only ever has leader epoch 0, so any requested epoch from 0 up
 * ends at the log end offset; a negative one is unknown (-1, -1). A current_leader_epoch other than
 * -1 (no check) is compared with 0: older is FENCED_LEADER_EPOCH, newer UNKNOWN_LEADER_EPOCH.
 *
 * <p>A replicated partition (with a role, see {@link ReplicaManager}) answers only on its leader
 * after the same epoch check against its leader epoch, from the log's leader-epoch cache (Kafka's
 * definition: the requested epoch's end offset, or that of the largest known epoch below it). A
 * follower asks this with its latest epoch to find where its log diverges (KIP-101, KIP-279).
 *
 * <p>Thread-safe.
 */
public final class OffsetForLeaderEpochHandler extends MessageHandler<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse> {
    private static final int NO_EPOCH_CHECK = -1;

    private final PartitionLookup partitions;
    private final ReplicaManager replicas;

    public OffsetForLeaderEpochHandler(PartitionLookup partitions, ReplicaManager replicas) {
        super(ApiKey.OFFSET_FOR_LEADER_EPOCH);
        this.partitions = partitions;
        this.replicas = replicas;
    }

    @Override
    protected CompletableFuture<OffsetForLeaderEpochResponse> handle(RequestContext context, OffsetForLeaderEpochRequest request) {
        List<OffsetForLeaderTopicResult> topics = new ArrayList<>();
        for (OffsetForLeaderTopic topic : request.topics()) {
            List<EpochEndOffset> results = new ArrayList<>();
            for (OffsetForLeaderPartition partition : topic.partitions()) {
                results.add(answer(topic.topic(), partition));
            }
            topics.add(new OffsetForLeaderTopicResult().setTopic(topic.topic()).setPartitions(results));
        }
        return CompletableFuture.completedFuture(new OffsetForLeaderEpochResponse().setTopics(topics));
    }

    private EpochEndOffset answer(String topic, OffsetForLeaderPartition request) {
        EpochEndOffset result = new EpochEndOffset().setPartition(request.partition()).setLeaderEpoch(-1).setEndOffset(-1);
        Optional<PartitionLog> found = partitions.log(topic, request.partition());
        if (found.isEmpty()) {
            return result.setErrorCode(partitions.missing(topic, request.partition()).code());
        }
        Optional<ReplicatedPartition> replicated = replicas.partition(new TopicPartition(topic, request.partition()));
        if (replicated.isPresent()) {
            ErrorCode roleError = replicated.get().checkLeader(request.currentLeaderEpoch());
            if (roleError != ErrorCode.NONE) {
                return result.setErrorCode(roleError.code());
            }
            io.samsa.storage.EpochEndOffset answer = found.get().endOffsetForEpoch(request.leaderEpoch());
            return result.setErrorCode(ErrorCode.NONE.code()).setLeaderEpoch(answer.epoch()).setEndOffset(answer.endOffset());
        }
        int current = request.currentLeaderEpoch();
        if (current != NO_EPOCH_CHECK && current < LeaderEpoch.CURRENT) {
            return result.setErrorCode(ErrorCode.FENCED_LEADER_EPOCH.code());
        }
        if (current > LeaderEpoch.CURRENT) {
            return result.setErrorCode(ErrorCode.UNKNOWN_LEADER_EPOCH.code());
        }
        result.setErrorCode(ErrorCode.NONE.code());
        if (request.leaderEpoch() >= 0) {
            result.setLeaderEpoch(LeaderEpoch.CURRENT).setEndOffset(found.get().logEndOffset());
        }
        return result;
    }
}
