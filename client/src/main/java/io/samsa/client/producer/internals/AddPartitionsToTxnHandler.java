package io.samsa.client.producer.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.AddPartitionsToTxnRequest;
import io.samsa.protocol.message.AddPartitionsToTxnResponse;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.types.ApiMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AddPartitionsToTxn (client versions v0-3; v4+ is the brokers' verification form) for the
 * partitions the transaction sent to for the first time. Their batches are held back until the
 * coordinator has them. The worst error among the partitions decides (OPERATION_NOT_ATTEMPTED only
 * says another partition failed).
 *
 * <p>Not thread-safe: used under the manager's lock.
 */
final class AddPartitionsToTxnHandler extends TxnRequestHandler {
    private static final int MAX_CLIENT_VERSION = 3;

    private final Set<TopicPartition> partitions;

    AddPartitionsToTxnHandler(TransactionManager manager, Set<TopicPartition> partitions) {
        super(manager, new TransactionalRequestResult("AddPartitionsToTxn"));
        this.partitions = partitions;
    }

    Set<TopicPartition> partitions() {
        return partitions;
    }

    @Override
    String name() {
        return "AddPartitionsToTxn";
    }

    @Override
    ClientRequest request() {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            byTopic.computeIfAbsent(partition.topic(), t -> new ArrayList<>()).add(partition.partition());
        }
        List<AddPartitionsToTxnRequest.AddPartitionsToTxnTopic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((topic, indexes) -> topics.add(new AddPartitionsToTxnRequest.AddPartitionsToTxnTopic()
            .setName(topic).setPartitions(indexes)));
        AddPartitionsToTxnRequest body = new AddPartitionsToTxnRequest().setV3AndBelowTransactionalId(manager.transactionalId())
            .setV3AndBelowProducerId(manager.producerId()).setV3AndBelowProducerEpoch(manager.producerEpoch()).setV3AndBelowTopics(topics);
        return ClientRequest.build(ApiMessageType.ADD_PARTITIONS_TO_TXN, 0, MAX_CLIENT_VERSION, version -> body);
    }

    @Override
    void onResponse(ApiMessage message) {
        AddPartitionsToTxnResponse response = (AddPartitionsToTxnResponse) message;
        ErrorCode worst = ErrorCode.NONE;
        boolean notAttempted = false;
        for (AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult topic : response.resultsByTopicV3AndBelow()) {
            for (AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult partition : topic.resultsByPartition()) {
                ErrorCode code = ErrorCode.forCode(partition.partitionErrorCode());
                notAttempted |= code == ErrorCode.OPERATION_NOT_ATTEMPTED;
                if (code != ErrorCode.NONE && code != ErrorCode.OPERATION_NOT_ATTEMPTED && worst == ErrorCode.NONE) {
                    worst = code;
                }
            }
        }
        if (worst == ErrorCode.NONE && notAttempted) {
            manager.retry(this, manager.retryBackoffMs(), false);
        } else if (worst == ErrorCode.NONE) {
            manager.onPartitionsAdded(this);
        } else {
            onError(worst, null);
        }
    }
}
