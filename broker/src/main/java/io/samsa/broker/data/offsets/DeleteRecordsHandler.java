package io.samsa.broker.data.offsets;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.data.partitions.PartitionLookup;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DeleteRecordsRequest;
import io.samsa.protocol.message.DeleteRecordsRequest.DeleteRecordsPartition;
import io.samsa.protocol.message.DeleteRecordsRequest.DeleteRecordsTopic;
import io.samsa.protocol.message.DeleteRecordsResponse;
import io.samsa.protocol.message.DeleteRecordsResponse.DeleteRecordsPartitionResult;
import io.samsa.protocol.message.DeleteRecordsResponse.DeleteRecordsTopicResult;
import io.samsa.storage.OffsetOutOfRangeException;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.storage.TopicPartition;

/**
 * DeleteRecords (key 21), versions 0-2: moves each partition's log start offset up to the given
 * offset (-1 = the high watermark, i.e. everything) and answers the new low watermark. An offset
 * beyond the high watermark (the log end offset on one node) is OFFSET_OUT_OF_RANGE. A replicated
 * partition answers only on its leader (NOT_LEADER_OR_FOLLOWER elsewhere) and deletes at most up
 * to its high watermark; followers move their log start when their fetches tell them the leader's.
 *
 * <p>Thread-safe.
 */
public final class DeleteRecordsHandler extends MessageHandler<DeleteRecordsRequest, DeleteRecordsResponse> {
    private static final long HIGH_WATERMARK = -1;

    private final PartitionLookup partitions;
    private final ReplicaManager replicas;

    public DeleteRecordsHandler(PartitionLookup partitions, ReplicaManager replicas) {
        super(ApiKey.DELETE_RECORDS);
        this.partitions = partitions;
        this.replicas = replicas;
    }

    @Override
    protected CompletableFuture<DeleteRecordsResponse> handle(RequestContext context, DeleteRecordsRequest request) {
        List<DeleteRecordsTopicResult> topics = new ArrayList<>();
        for (DeleteRecordsTopic topic : request.topics()) {
            List<DeleteRecordsPartitionResult> results = new ArrayList<>();
            for (DeleteRecordsPartition partition : topic.partitions()) {
                results.add(delete(topic.name(), partition));
            }
            topics.add(new DeleteRecordsTopicResult().setName(topic.name()).setPartitions(results));
        }
        return CompletableFuture.completedFuture(new DeleteRecordsResponse().setTopics(topics));
    }

    private DeleteRecordsPartitionResult delete(String topic, DeleteRecordsPartition request) {
        DeleteRecordsPartitionResult result = new DeleteRecordsPartitionResult()
                .setPartitionIndex(request.partitionIndex()).setLowWatermark(-1);
        Optional<PartitionLog> found = partitions.log(topic, request.partitionIndex());
        if (found.isEmpty()) {
            return result.setErrorCode(partitions.missing(topic, request.partitionIndex()).code());
        }
        PartitionLog log = found.get();
        ReplicatedPartition replicated = replicas.partition(new TopicPartition(topic, request.partitionIndex())).orElse(null);
        if (replicated != null && !replicated.isLeader()) {
            return result.setErrorCode(ErrorCode.NOT_LEADER_OR_FOLLOWER.code());
        }
        long highWatermark = replicated == null ? log.logEndOffset() : replicated.highWatermark();
        long offset = request.offset() == HIGH_WATERMARK ? highWatermark : request.offset();
        if (offset < 0 || offset > highWatermark) {
            return result.setErrorCode(ErrorCode.OFFSET_OUT_OF_RANGE.code());
        }
        try {
            return result.setErrorCode(ErrorCode.NONE.code()).setLowWatermark(log.deleteRecordsBefore(offset));
        } catch (OffsetOutOfRangeException e) {
            return result.setErrorCode(ErrorCode.OFFSET_OUT_OF_RANGE.code());
        } catch (StorageException e) {
            return result.setErrorCode(ErrorCode.KAFKA_STORAGE_ERROR.code());
        }
    }
}
