package io.samsa.broker.data.produce;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.data.partitions.PartitionLookup;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeProducersRequest;
import io.samsa.protocol.message.DescribeProducersRequest.TopicRequest;
import io.samsa.protocol.message.DescribeProducersResponse;
import io.samsa.protocol.message.DescribeProducersResponse.PartitionResponse;
import io.samsa.protocol.message.DescribeProducersResponse.ProducerState;
import io.samsa.protocol.message.DescribeProducersResponse.TopicResponse;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.ProducerStateManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeProducers (key 61) v0: the producers each partition knows, with their epoch, last
 * sequence, last timestamp, the coordinator epoch of their last transaction marker (-1 when none)
 * and the first offset of their open transaction (-1 when none).
 *
 * <p>Thread-safe.
 */
public final class DescribeProducersHandler extends MessageHandler<DescribeProducersRequest, DescribeProducersResponse> {
    private final PartitionLookup partitions;
    private final ProducerStateTable producerStates;

    public DescribeProducersHandler(PartitionLookup partitions, ProducerStateTable producerStates) {
        super(ApiKey.DESCRIBE_PRODUCERS);
        this.partitions = partitions;
        this.producerStates = producerStates;
    }

    @Override
    protected CompletableFuture<DescribeProducersResponse> handle(RequestContext context, DescribeProducersRequest request) {
        List<TopicResponse> topics = new ArrayList<>();
        for (TopicRequest topic : request.topics()) {
            List<PartitionResponse> results = new ArrayList<>();
            for (int index : topic.partitionIndexes()) {
                results.add(describe(topic.name(), index));
            }
            topics.add(new TopicResponse().setName(topic.name()).setPartitions(results));
        }
        return CompletableFuture.completedFuture(new DescribeProducersResponse().setTopics(topics));
    }

    private PartitionResponse describe(String topic, int index) {
        PartitionResponse result = new PartitionResponse().setPartitionIndex(index);
        Optional<PartitionLog> found = partitions.log(topic, index);
        if (found.isEmpty()) {
            return result.setErrorCode(partitions.missing(topic, index).code());
        }
        List<ProducerState> producers = new ArrayList<>();
        for (ProducerStateManager.ActiveProducer producer : producerStates.of(found.get()).activeProducers()) {
            producers.add(new ProducerState().setProducerId(producer.producerId()).setProducerEpoch(producer.epoch())
                    .setLastSequence(producer.lastSequence()).setLastTimestamp(producer.lastTimestampMs())
                    .setCoordinatorEpoch(producer.coordinatorEpoch()).setCurrentTxnStartOffset(producer.currentTxnStartOffset()));
        }
        return result.setErrorCode(ErrorCode.NONE.code()).setActiveProducers(producers);
    }
}
