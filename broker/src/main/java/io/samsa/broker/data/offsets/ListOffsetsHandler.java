package io.samsa.broker.data.offsets;

import io.samsa.broker.metadata.LeaderEpoch;
import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.data.PartitionLookup;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets (key 2), versions 1-10: earliest (-2), latest (-1), max timestamp (-3), earliest
 * local (-4, the same as earliest without tiered storage) and the first offset at or after a
 * timestamp. The isolation level is ignored: without transactions the last stable offset is the
 * log end offset. A timestamp no record reaches, or an unknown special value, answers offset -1.
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
    /** The only leader epoch of a single-node partition. */

    private final PartitionLookup partitions;

    public ListOffsetsHandler(PartitionLookup partitions) {
        super(ApiKey.LIST_OFFSETS);
        this.partitions = partitions;
    }

    @Override
    protected CompletableFuture<ListOffsetsResponse> handle(RequestContext context, ListOffsetsRequest request) {
        List<ListOffsetsTopicResponse> topics = new ArrayList<>();
        for (ListOffsetsTopic topic : request.topics()) {
            List<ListOffsetsPartitionResponse> results = new ArrayList<>();
            for (ListOffsetsPartition partition : topic.partitions()) {
                results.add(answer(topic.name(), partition, context.apiVersion()));
            }
            topics.add(new ListOffsetsTopicResponse().setName(topic.name()).setPartitions(results));
        }
        return CompletableFuture.completedFuture(new ListOffsetsResponse().setTopics(topics));
    }

    private ListOffsetsPartitionResponse answer(String topic, ListOffsetsPartition request, short version) {
        ListOffsetsPartitionResponse response = new ListOffsetsPartitionResponse()
                .setPartitionIndex(request.partitionIndex()).setTimestamp(-1).setOffset(-1).setLeaderEpoch(-1);
        Optional<PartitionLog> found = partitions.log(topic, request.partitionIndex());
        if (found.isEmpty()) {
            return response.setErrorCode(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        PartitionLog log = found.get();
        long timestamp = request.timestamp();
        try {
            Optional<TimestampAndOffset> result;
            if (timestamp == EARLIEST || timestamp == EARLIEST_LOCAL) {
                result = Optional.of(log.earliestOffset());
            } else if (timestamp == LATEST) {
                result = Optional.of(log.latestOffset());
            } else if (timestamp == MAX_TIMESTAMP) {
                result = log.maxTimestampOffset();
            } else if (timestamp >= 0) {
                result = log.offsetForTimestamp(timestamp);
            } else {
                result = Optional.empty();
            }
            response.setErrorCode(ErrorCode.NONE.code());
            result.ifPresent(answer -> response.setTimestamp(answer.timestampMs()).setOffset(answer.offset())
                    .setLeaderEpoch(version >= FIRST_LEADER_EPOCH_VERSION ? LeaderEpoch.CURRENT : -1));
            return response;
        } catch (StorageException e) {
            return response.setErrorCode(ErrorCode.KAFKA_STORAGE_ERROR.code());
        }
    }
}
