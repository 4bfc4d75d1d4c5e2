package io.samsa.broker.transaction;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.transaction.DescribedTransaction;
import io.samsa.coordinator.transaction.TransactionCoordinatorService;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.DescribeTransactionsRequest;
import io.samsa.protocol.message.DescribeTransactionsResponse;
import io.samsa.protocol.message.DescribeTransactionsResponse.TopicData;
import io.samsa.protocol.message.DescribeTransactionsResponse.TransactionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * DescribeTransactions (v0): each id's state, producer, timeout, start time and partitions, or
 * TRANSACTIONAL_ID_NOT_FOUND, or NOT_COORDINATOR when another broker coordinates it. Thread-safe.
 */
final class DescribeTransactionsApi extends TransactionApiHandler<DescribeTransactionsRequest, DescribeTransactionsResponse> {

    DescribeTransactionsApi(Supplier<TransactionCoordinatorService> coordinator) {
        super(ApiKey.DESCRIBE_TRANSACTIONS, coordinator);
    }

    @Override
    protected CompletableFuture<DescribeTransactionsResponse> handle(RequestContext context, DescribeTransactionsRequest request) {
        return coordinator().describe(request.transactionalIds()).thenApply(described -> {
            List<TransactionState> states = new ArrayList<>(described.size());
            for (DescribedTransaction transaction : described) {
                states.add(new TransactionState().setErrorCode(transaction.error().code())
                        .setTransactionalId(transaction.transactionalId())
                        .setTransactionState(transaction.state())
                        .setTransactionTimeoutMs(transaction.timeoutMs())
                        .setTransactionStartTimeMs(transaction.startTimeMs())
                        .setProducerId(transaction.producerId())
                        .setProducerEpoch(transaction.producerEpoch())
                        .setTopics(topics(transaction)));
            }
            return new DescribeTransactionsResponse().setTransactionStates(states);
        });
    }

    private static List<TopicData> topics(DescribedTransaction transaction) {
        Map<String, TopicData> byTopic = new LinkedHashMap<>();
        for (TopicPartition partition : transaction.partitions()) {
            byTopic.computeIfAbsent(partition.topic(), name -> new TopicData().setTopic(name).setPartitions(new ArrayList<>()))
                    .partitions().add(partition.partition());
        }
        return new ArrayList<>(byTopic.values());
    }
}
