package io.samsa.broker.transaction;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.transaction.TransactionCoordinatorService;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.AddPartitionsToTxnRequest;
import io.samsa.protocol.message.AddPartitionsToTxnRequest.AddPartitionsToTxnTopic;
import io.samsa.protocol.message.AddPartitionsToTxnRequest.AddPartitionsToTxnTransaction;
import io.samsa.protocol.message.AddPartitionsToTxnResponse;
import io.samsa.protocol.message.AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult;
import io.samsa.protocol.message.AddPartitionsToTxnResponse.AddPartitionsToTxnResult;
import io.samsa.protocol.message.AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * AddPartitionsToTxn. v0-3 come from producers: one transaction, its partitions added. v4+ come
 * from brokers (KIP-890): a batch of transactions, each either added or, with verify_only,
 * checked (each partition NONE when it is in the open transaction, else INVALID_TXN_STATE).
 *
 * <p>As in Kafka, a partition that does not exist is UNKNOWN_TOPIC_OR_PARTITION and then nothing
 * of that transaction is added: its other partitions answer OPERATION_NOT_ATTEMPTED. v0-1 get
 * INVALID_PRODUCER_EPOCH where later versions get PRODUCER_FENCED. Thread-safe.
 */
final class AddPartitionsToTxnApi extends TransactionApiHandler<AddPartitionsToTxnRequest, AddPartitionsToTxnResponse> {
    static final short FIRST_PRODUCER_FENCED_VERSION = 2;
    static final short FIRST_BATCHED_VERSION = 4;

    private final BiPredicate<String, Integer> partitionExists;

    /** @param partitionExists whether a topic partition exists in the cluster */
    AddPartitionsToTxnApi(Supplier<TransactionCoordinatorService> coordinator, BiPredicate<String, Integer> partitionExists) {
        super(ApiKey.ADD_PARTITIONS_TO_TXN, coordinator);
        this.partitionExists = partitionExists;
    }

    @Override
    protected CompletableFuture<AddPartitionsToTxnResponse> handle(RequestContext context, AddPartitionsToTxnRequest request) {
        short version = context.apiVersion();
        if (version < FIRST_BATCHED_VERSION) {
            return answer(request.v3AndBelowTransactionalId(), request.v3AndBelowProducerId(), request.v3AndBelowProducerEpoch(),
                    false, request.v3AndBelowTopics(), version)
                    .thenApply(topics -> new AddPartitionsToTxnResponse().setResultsByTopicV3AndBelow(topics));
        }
        List<CompletableFuture<AddPartitionsToTxnResult>> results = new ArrayList<>();
        for (AddPartitionsToTxnTransaction transaction : request.transactions()) {
            results.add(answer(transaction.transactionalId(), transaction.producerId(), transaction.producerEpoch(),
                    transaction.verifyOnly(), transaction.topics(), version)
                    .thenApply(topics -> new AddPartitionsToTxnResult().setTransactionalId(transaction.transactionalId())
                            .setTopicResults(topics)));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(ignored -> new AddPartitionsToTxnResponse()
                .setErrorCode(ErrorCode.NONE.code())
                .setResultsByTransaction(results.stream().map(CompletableFuture::join).toList()));
    }

    private CompletableFuture<List<AddPartitionsToTxnTopicResult>> answer(String transactionalId, long producerId, short producerEpoch,
                                                                           boolean verifyOnly, List<AddPartitionsToTxnTopic> topics,
                                                                           short version) {
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        Set<TopicPartition> unknown = new LinkedHashSet<>();
        for (AddPartitionsToTxnTopic topic : topics) {
            for (int partition : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), partition);
                partitions.add(tp);
                if (!partitionExists.test(topic.name(), partition)) {
                    unknown.add(tp);
                }
            }
        }
        if (!unknown.isEmpty()) {
            Map<TopicPartition, ErrorCode> errors = new LinkedHashMap<>();
            partitions.forEach(tp -> errors.put(tp, unknown.contains(tp) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
                    : ErrorCode.OPERATION_NOT_ATTEMPTED));
            return CompletableFuture.completedFuture(results(errors));
        }
        if (verifyOnly) {
            return coordinator().verifyPartitions(transactionalId, producerId, producerEpoch, partitions).thenApply(this::results);
        }
        return coordinator().addPartitions(transactionalId, producerId, producerEpoch, partitions).thenApply(error -> {
            ErrorCode answer = forVersion(error, version, FIRST_PRODUCER_FENCED_VERSION);
            Map<TopicPartition, ErrorCode> errors = new LinkedHashMap<>();
            partitions.forEach(tp -> errors.put(tp, answer));
            return results(errors);
        });
    }

    private List<AddPartitionsToTxnTopicResult> results(Map<TopicPartition, ErrorCode> errors) {
        Map<String, AddPartitionsToTxnTopicResult> byTopic = new LinkedHashMap<>();
        errors.forEach((tp, error) -> byTopic.computeIfAbsent(tp.topic(), name -> new AddPartitionsToTxnTopicResult().setName(name)
                        .setResultsByPartition(new ArrayList<>()))
                .resultsByPartition().add(new AddPartitionsToTxnPartitionResult().setPartitionIndex(tp.partition())
                        .setPartitionErrorCode(error.code())));
        return new ArrayList<>(byTopic.values());
    }
}
