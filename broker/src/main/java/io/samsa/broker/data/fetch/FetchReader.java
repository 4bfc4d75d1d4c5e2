package io.samsa.broker.data.fetch;

import io.samsa.broker.data.PartitionLookup;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchRequest.FetchPartition;
import io.samsa.protocol.message.FetchRequest.FetchTopic;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.FetchResponse.FetchableTopicResponse;
import io.samsa.protocol.message.FetchResponse.PartitionData;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.storage.FileSlice;
import io.samsa.storage.OffsetOutOfRangeException;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.StorageException;
import io.samsa.storage.TopicPartition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what a Fetch request asks for, as file slices of the logs (sent zero-copy), within Kafka's
 * byte limits: the response holds at most min(max_bytes, fetch.max.bytes) and each partition at most
 * its partition_max_bytes, except that the first partition with data always gets at least one whole
 * batch, however large (KIP-74), so a consumer always makes progress. On a single node the high
 * watermark and the last stable offset are the log end offset.
 *
 * <p>Stateless and thread-safe; reads take no log lock.
 */
public final class FetchReader {
    private static final Logger LOG = LoggerFactory.getLogger(FetchReader.class);

    private final PartitionLookup partitions;
    private final int brokerMaxBytes;

    /** @param brokerMaxBytes fetch.max.bytes: the most one response carries (but one batch always) */
    public FetchReader(PartitionLookup partitions, int brokerMaxBytes) {
        this.partitions = partitions;
        this.brokerMaxBytes = brokerMaxBytes;
    }

    /** @return the partitions the request names, each with its log (when it exists) */
    public List<TopicPartition> watchedPartitions(FetchRequest request) {
        List<TopicPartition> out = new ArrayList<>();
        for (FetchTopic topic : request.topics()) {
            for (FetchPartition partition : topic.partitions()) {
                if (topic.topic() != null && !topic.topic().isEmpty() && partition.partition() >= 0) {
                    out.add(new TopicPartition(topic.topic(), partition.partition()));
                }
            }
        }
        return out;
    }

    /** @return the log of a partition, if it exists */
    public Optional<PartitionLog> log(TopicPartition partition) {
        return partitions.log(partition.topic(), partition.partition());
    }

    /**
     * Reads every partition of {@code request} once.
     *
     * @param version the Fetch version (below 10, a partition whose data holds zstd answers
     *                UNSUPPORTED_COMPRESSION_TYPE)
     */
    public FetchResult read(FetchRequest request, short version) {
        int budget = Math.max(0, Math.min(request.maxBytes(), brokerMaxBytes));
        boolean minOneBatch = true;
        long bytes = 0;
        boolean anyError = false;
        List<FetchableTopicResponse> topics = new ArrayList<>(request.topics().size());
        for (FetchTopic topic : request.topics()) {
            List<PartitionData> results = new ArrayList<>(topic.partitions().size());
            for (FetchPartition partition : topic.partitions()) {
                int limit = Math.min(Math.max(partition.partitionMaxBytes(), 0), budget);
                PartitionData data = readPartition(topic.topic(), partition, limit, minOneBatch, version);
                int size = data.records() == null ? 0 : data.records().sizeInBytes();
                if (size > 0) {
                    minOneBatch = false;
                    budget = Math.max(0, budget - size);
                    bytes += size;
                }
                anyError |= data.errorCode() != ErrorCode.NONE.code();
                results.add(data);
            }
            topics.add(new FetchableTopicResponse().setTopic(topic.topic()).setPartitions(results));
        }
        return new FetchResult(new FetchResponse().setErrorCode(ErrorCode.NONE.code()).setResponses(topics), bytes, anyError);
    }

    private PartitionData readPartition(String topic, FetchPartition request, int limit, boolean minOneBatch, short version) {
        int index = request.partition();
        Optional<PartitionLog> found = partitions.log(topic, index);
        if (found.isEmpty()) {
            return error(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        PartitionLog log = found.get();
        try {
            long startOffset = log.logStartOffset();
            FileSlice slice = limit > 0 || minOneBatch ? log.read(request.fetchOffset(), Math.max(limit, 1)) : null;
            // read before the end offset: the high watermark answered is never below the data sent
            long endOffset = log.logEndOffset();
            boolean fits = slice != null && !slice.isEmpty() && (minOneBatch || slice.sizeInBytes() <= limit);
            if (slice == null && (request.fetchOffset() < startOffset || request.fetchOffset() > endOffset)) {
                return error(index, ErrorCode.OFFSET_OUT_OF_RANGE);
            }
            if (fits && version < ZstdScan.FIRST_ZSTD_FETCH_VERSION && ZstdScan.containsZstd(slice)) {
                return error(index, ErrorCode.UNSUPPORTED_COMPRESSION_TYPE);
            }
            return new PartitionData().setPartitionIndex(index).setErrorCode(ErrorCode.NONE.code())
                    .setHighWatermark(endOffset).setLastStableOffset(endOffset).setLogStartOffset(startOffset)
                    .setRecords(fits ? slice : MemoryRecords.EMPTY);
        } catch (OffsetOutOfRangeException e) {
            return error(index, ErrorCode.OFFSET_OUT_OF_RANGE);
        } catch (StorageException | IOException e) {
            LOG.error("Fetch from {}-{} failed", topic, index, e);
            return error(index, ErrorCode.KAFKA_STORAGE_ERROR);
        }
    }

    private static PartitionData error(int index, ErrorCode error) {
        return new PartitionData().setPartitionIndex(index).setErrorCode(error.code()).setHighWatermark(-1)
                .setLastStableOffset(-1).setLogStartOffset(-1).setRecords(MemoryRecords.EMPTY);
    }
}
