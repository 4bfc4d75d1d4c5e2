package io.samsa.broker.data.fetch;

import io.samsa.broker.data.partitions.PartitionLookup;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchRequest.FetchPartition;
import io.samsa.protocol.message.FetchRequest.FetchTopic;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.FetchResponse.FetchableTopicResponse;
import io.samsa.protocol.message.FetchResponse.AbortedTransaction;
import io.samsa.protocol.message.FetchResponse.PartitionData;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.storage.AbortedTxn;
import io.samsa.storage.FileSlice;
import io.samsa.storage.OffsetOutOfRangeException;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.StorageException;
import io.samsa.storage.TopicPartition;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.protocol.util.Time;
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
 * batch, however large (KIP-74), so a consumer always makes progress. On a single-node partition
 * (no role, see {@link ReplicaManager}) the high watermark is the log end offset.
 *
 * <p>Every partition answers its last stable offset (the log's LSO over the high watermark). A
 * consumer fetching with isolation_level 1 (READ_COMMITTED) reads only below the LSO and gets the
 * aborted transactions (producer id, first offset) that overlap what it may read, so it can drop
 * their records; with READ_UNCOMMITTED the list is null, as Kafka sends it.
 *
 * <p>A replicated partition is read only on its leader, after the current_leader_epoch check
 * (NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH). A consumer (replica_id &lt; 0)
 * reads only below the high watermark; a follower (replica_id &ge; 0) reads up to the log end, and
 * its fetch offset is its position: the leader updates its ISR and high watermark from it.
 *
 * <p>Stateless and thread-safe; reads take no log lock.
 */
public final class FetchReader {
    private static final Logger LOG = LoggerFactory.getLogger(FetchReader.class);
    /** Fetch's isolation_level for READ_COMMITTED. */
    static final byte READ_COMMITTED = 1;

    private final PartitionLookup partitions;
    private final int brokerMaxBytes;
    private final ReplicaManager replicas;
    private final Time time;

    /** @param brokerMaxBytes fetch.max.bytes: the most one response carries (but one batch always) */
    public FetchReader(PartitionLookup partitions, int brokerMaxBytes, ReplicaManager replicas, Time time) {
        this.partitions = partitions;
        this.brokerMaxBytes = brokerMaxBytes;
        this.replicas = replicas;
        this.time = time;
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
                PartitionData data = readPartition(topic.topic(), partition, limit, minOneBatch, version, request.replicaId(),
                        request.isolationLevel() == READ_COMMITTED);
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

    private PartitionData readPartition(String topic, FetchPartition request, int limit, boolean minOneBatch, short version,
                                        int replicaId, boolean isolationCommitted) {
        int index = request.partition();
        Optional<PartitionLog> found = partitions.log(topic, index);
        if (found.isEmpty()) {
            return error(index, partitions.missing(topic, index));
        }
        PartitionLog log = found.get();
        ReplicatedPartition replicated = replicas.partition(log.topicPartition()).orElse(null);
        if (replicated != null) {
            ErrorCode roleError = replicated.checkLeader(request.currentLeaderEpoch());
            if (roleError != ErrorCode.NONE) {
                return error(index, roleError);
            }
        }
        boolean follower = replicated != null && replicaId >= 0;
        boolean readCommitted = isolationCommitted && replicaId < 0;
        // the high watermark before the LSO: the log applies transactions before it publishes their batches
        long stableBound = readCommitted ? log.lastStableOffset(replicated == null ? log.logEndOffset() : replicated.highWatermark()) : -1;
        long maxOffset = readCommitted ? stableBound : replicated == null || follower ? Long.MAX_VALUE : replicated.highWatermark();
        try {
            long startOffset = log.logStartOffset();
            FileSlice slice = limit > 0 || minOneBatch ? log.read(request.fetchOffset(), Math.max(limit, 1), maxOffset) : null;
            // read before the end offset: the high watermark answered is never below the data sent
            long endOffset = log.logEndOffset();
            if (follower) {
                ErrorCode positionError = replicated.onFollowerFetch(replicaId, request.fetchOffset(), endOffset, time.milliseconds());
                if (positionError != ErrorCode.NONE) {
                    return error(index, positionError);
                }
            }
            long highWatermark = replicated == null ? endOffset : replicated.highWatermark();
            boolean fits = slice != null && !slice.isEmpty() && (minOneBatch || slice.sizeInBytes() <= limit);
            if (slice == null && (request.fetchOffset() < startOffset || request.fetchOffset() > endOffset)) {
                return error(index, ErrorCode.OFFSET_OUT_OF_RANGE);
            }
            if (fits && version < ZstdScan.FIRST_ZSTD_FETCH_VERSION && ZstdScan.containsZstd(slice)) {
                return error(index, ErrorCode.UNSUPPORTED_COMPRESSION_TYPE);
            }
            return new PartitionData().setPartitionIndex(index).setErrorCode(ErrorCode.NONE.code())
                    .setHighWatermark(highWatermark).setLastStableOffset(log.lastStableOffset(highWatermark))
                    .setLogStartOffset(startOffset).setRecords(fits ? slice : MemoryRecords.EMPTY)
                    .setAbortedTransactions(readCommitted ? aborted(log, request.fetchOffset(), stableBound, fits) : null);
        } catch (OffsetOutOfRangeException e) {
            return error(index, ErrorCode.OFFSET_OUT_OF_RANGE);
        } catch (StorageException | IOException e) {
            LOG.error("Fetch from {}-{} failed", topic, index, e);
            return error(index, ErrorCode.KAFKA_STORAGE_ERROR);
        }
    }

    /** The aborted transactions overlapping [fetchOffset, stableBound), when records are returned. */
    private static List<AbortedTransaction> aborted(PartitionLog log, long fetchOffset, long stableBound, boolean withRecords) {
        if (!withRecords) {
            return List.of();
        }
        List<AbortedTxn> found = log.abortedTransactions(fetchOffset, stableBound);
        List<AbortedTransaction> out = new ArrayList<>(found.size());
        for (AbortedTxn txn : found) {
            out.add(new AbortedTransaction().setProducerId(txn.producerId()).setFirstOffset(txn.firstOffset()));
        }
        return out;
    }

    private static PartitionData error(int index, ErrorCode error) {
        return new PartitionData().setPartitionIndex(index).setErrorCode(error.code()).setHighWatermark(-1)
                .setLastStableOffset(-1).setLogStartOffset(-1).setRecords(MemoryRecords.EMPTY);
    }
}
