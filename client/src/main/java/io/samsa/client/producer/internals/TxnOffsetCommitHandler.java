package io.samsa.client.producer.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerGroupMetadata;
import io.samsa.client.consumer.OffsetAndMetadata;
import io.samsa.client.internals.metadata.CoordinatorType;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.TxnOffsetCommitRequest;
import io.samsa.protocol.message.TxnOffsetCommitResponse;
import io.samsa.protocol.types.ApiMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TxnOffsetCommit to the group coordinator: the consumer's offsets, pending until the transaction's
 * marker. v3+ carries the member id, generation and group instance id from the consumer's
 * {@link ConsumerGroupMetadata}, so a zombie member is fenced by the group as well. Capped at v4:
 * v5 is transaction version 2 (the group coordinator adds the partition itself). The whole request
 * is retried on a retriable error (the pending offsets are simply written again).
 *
 * <p>Not thread-safe: used under the manager's lock.
 */
final class TxnOffsetCommitHandler extends TxnRequestHandler {
    private static final int MAX_VERSION_BEFORE_TV2 = 4;

    private final Map<TopicPartition, OffsetAndMetadata> offsets;
    private final ConsumerGroupMetadata group;

    TxnOffsetCommitHandler(TransactionManager manager, TransactionalRequestResult result,
                           Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        super(manager, result);
        this.offsets = new LinkedHashMap<>(offsets);
        this.group = group;
    }

    String groupId() {
        return group.groupId();
    }

    @Override
    String name() {
        return "TxnOffsetCommit";
    }

    @Override
    CoordinatorType coordinatorType() {
        return CoordinatorType.GROUP;
    }

    @Override
    String coordinatorKey() {
        return group.groupId();
    }

    @Override
    ClientRequest request() {
        Map<String, List<TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition>> byTopic = new LinkedHashMap<>();
        offsets.forEach((partition, offset) -> byTopic.computeIfAbsent(partition.topic(), t -> new ArrayList<>())
            .add(new TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition().setPartitionIndex(partition.partition())
                .setCommittedOffset(offset.offset()).setCommittedLeaderEpoch(offset.leaderEpoch().orElse(-1))
                .setCommittedMetadata(offset.metadata())));
        List<TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((topic, partitions) -> topics.add(new TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic()
            .setName(topic).setPartitions(partitions)));
        TxnOffsetCommitRequest body = new TxnOffsetCommitRequest().setTransactionalId(manager.transactionalId())
            .setGroupId(group.groupId()).setProducerId(manager.producerId()).setProducerEpoch(manager.producerEpoch())
            .setGenerationId(group.generationId()).setMemberId(group.memberId())
            .setGroupInstanceId(group.groupInstanceId().orElse(null)).setTopics(topics);
        return ClientRequest.build(ApiMessageType.TXN_OFFSET_COMMIT, 0, MAX_VERSION_BEFORE_TV2, version -> body);
    }

    @Override
    void onResponse(ApiMessage message) {
        ErrorCode worst = ErrorCode.NONE;
        for (TxnOffsetCommitResponse.TxnOffsetCommitResponseTopic topic : ((TxnOffsetCommitResponse) message).topics()) {
            for (TxnOffsetCommitResponse.TxnOffsetCommitResponsePartition partition : topic.partitions()) {
                ErrorCode code = ErrorCode.forCode(partition.errorCode());
                if (code != ErrorCode.NONE && worst == ErrorCode.NONE) {
                    worst = code;
                }
            }
        }
        if (worst == ErrorCode.NONE) {
            manager.onOffsetsCommitted(this);
        } else {
            onError(worst, null);
        }
    }
}
