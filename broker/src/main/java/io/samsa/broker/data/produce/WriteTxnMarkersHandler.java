package io.samsa.broker.data.produce;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.WriteTxnMarkersRequest;
import io.samsa.protocol.message.WriteTxnMarkersRequest.WritableTxnMarker;
import io.samsa.protocol.message.WriteTxnMarkersRequest.WritableTxnMarkerTopic;
import io.samsa.protocol.message.WriteTxnMarkersResponse;
import io.samsa.protocol.message.WriteTxnMarkersResponse.WritableTxnMarkerPartitionResult;
import io.samsa.protocol.message.WriteTxnMarkersResponse.WritableTxnMarkerResult;
import io.samsa.protocol.message.WriteTxnMarkersResponse.WritableTxnMarkerTopicResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * WriteTxnMarkers (key 27, v1), which a transaction coordinator sends to each partition's leader:
 * every marker is appended to the partitions this broker leads ({@link TransactionMarkerWriter});
 * each partition answers on its own (NOT_LEADER_OR_FOLLOWER on a follower, so the coordinator
 * looks the leader up again; UNKNOWN_TOPIC_OR_PARTITION for a deleted one). Runs on an I/O thread,
 * like Produce. Thread-safe.
 */
public final class WriteTxnMarkersHandler extends MessageHandler<WriteTxnMarkersRequest, WriteTxnMarkersResponse> {
    private final TransactionMarkerWriter writer;

    public WriteTxnMarkersHandler(TransactionMarkerWriter writer) {
        super(ApiKey.WRITE_TXN_MARKERS);
        this.writer = writer;
    }

    @Override
    protected CompletableFuture<WriteTxnMarkersResponse> handle(RequestContext context, WriteTxnMarkersRequest request) {
        List<WritableTxnMarkerResult> markers = new ArrayList<>(request.markers().size());
        List<CompletableFuture<?>> written = new ArrayList<>();
        for (WritableTxnMarker marker : request.markers()) {
            List<WritableTxnMarkerTopicResult> topics = new ArrayList<>(marker.topics().size());
            for (WritableTxnMarkerTopic topic : marker.topics()) {
                List<WritableTxnMarkerPartitionResult> partitions = new ArrayList<>(topic.partitionIndexes().size());
                for (int partition : topic.partitionIndexes()) {
                    WritableTxnMarkerPartitionResult result = new WritableTxnMarkerPartitionResult().setPartitionIndex(partition);
                    partitions.add(result);
                    written.add(writer.write(topic.name(), partition, marker.producerId(), marker.producerEpoch(),
                            marker.transactionResult(), marker.coordinatorEpoch())
                            .thenAccept(error -> result.setErrorCode(error.code())));
                }
                topics.add(new WritableTxnMarkerTopicResult().setName(topic.name()).setPartitions(partitions));
            }
            markers.add(new WritableTxnMarkerResult().setProducerId(marker.producerId()).setTopics(topics));
        }
        return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> new WriteTxnMarkersResponse().setMarkers(markers));
    }
}
