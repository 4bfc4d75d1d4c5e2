package io.samsa.broker.transaction;

import io.samsa.broker.interbroker.InterBrokerClient;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.transaction.TransactionMarkers;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.WriteTxnMarkersRequest;
import io.samsa.protocol.message.WriteTxnMarkersRequest.WritableTxnMarker;
import io.samsa.protocol.message.WriteTxnMarkersRequest.WritableTxnMarkerTopic;
import io.samsa.protocol.message.WriteTxnMarkersResponse;
import io.samsa.protocol.message.WriteTxnMarkersResponse.WritableTxnMarkerPartitionResult;
import io.samsa.protocol.message.WriteTxnMarkersResponse.WritableTxnMarkerResult;
import io.samsa.protocol.message.WriteTxnMarkersResponse.WritableTxnMarkerTopicResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Markers for partitions another broker leads, sent to it as one WriteTxnMarkers (key 27, v1) per
 * transaction and broker, as Kafka's transaction marker channel does; the leader appends them
 * through its own marker writer and answers per partition. A lost or unanswered request counts as
 * NETWORK_EXCEPTION for each of its partitions, so the channel tries them again. Answers are
 * handed to {@code callbacks} (never run on the client's event loop). Thread-safe.
 */
final class WriteTxnMarkersClient implements RemoteMarkers {
    static final short VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(WriteTxnMarkersClient.class);

    private final InterBrokerClient client;
    private final Executor callbacks;

    WriteTxnMarkersClient(InterBrokerClient client, Executor callbacks) {
        this.client = client;
        this.callbacks = callbacks;
    }

    @Override
    public CompletableFuture<Map<TopicPartition, ErrorCode>> write(int brokerId, TransactionMarkers markers,
                                                                  Collection<TopicPartition> partitions) {
        return client.send(brokerId, request(markers, partitions), VERSION).handleAsync((answer, failure) -> {
            if (failure != null) {
                LOG.debug("WriteTxnMarkers of {} to broker {} failed: {}", markers.transactionalId(), brokerId, failure.toString());
                return allFailed(partitions);
            }
            return errors((WriteTxnMarkersResponse) answer, partitions);
        }, callbacks);
    }

    static WriteTxnMarkersRequest request(TransactionMarkers markers, Collection<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            byTopic.computeIfAbsent(partition.topic(), topic -> new ArrayList<>()).add(partition.partition());
        }
        List<WritableTxnMarkerTopic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((topic, indexes) -> topics.add(new WritableTxnMarkerTopic().setName(topic).setPartitionIndexes(indexes)));
        return new WriteTxnMarkersRequest().setMarkers(List.of(new WritableTxnMarker()
                .setProducerId(markers.producerId())
                .setProducerEpoch(markers.producerEpoch())
                .setTransactionResult(markers.commit())
                .setCoordinatorEpoch(markers.coordinatorEpoch())
                .setTopics(topics)));
    }

    static Map<TopicPartition, ErrorCode> errors(WriteTxnMarkersResponse response, Collection<TopicPartition> partitions) {
        Map<TopicPartition, ErrorCode> errors = allFailed(partitions);
        for (WritableTxnMarkerResult marker : response.markers()) {
            for (WritableTxnMarkerTopicResult topic : marker.topics()) {
                for (WritableTxnMarkerPartitionResult result : topic.partitions()) {
                    TopicPartition partition = new TopicPartition(topic.name(), result.partitionIndex());
                    if (errors.containsKey(partition)) {
                        errors.put(partition, ErrorCode.forCode(result.errorCode()));
                    }
                }
            }
        }
        return errors;
    }

    private static Map<TopicPartition, ErrorCode> allFailed(Collection<TopicPartition> partitions) {
        Map<TopicPartition, ErrorCode> errors = new HashMap<>();
        partitions.forEach(partition -> errors.put(partition, ErrorCode.NETWORK_EXCEPTION));
        return errors;
    }
}
