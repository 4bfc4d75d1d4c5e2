package io.samsa.broker.data.produce;

import io.samsa.broker.data.partitions.PartitionLookup;
import io.samsa.broker.metadata.LeaderEpoch;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.broker.topics.TopicNames;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.CorruptRecordException;
import io.samsa.protocol.record.EndTransactionMarker;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.util.Time;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.ProducerStateException;
import io.samsa.storage.RecordTooLargeException;
import io.samsa.storage.StorageException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one transaction marker (a COMMIT or ABORT control batch, built by
 * {@link RecordBatchBuilder#endTransactionMarker}) to a partition this broker leads, through the
 * leader append path Produce uses: the role check (NOT_LEADER_OR_FOLLOWER on a follower,
 * NOT_ENOUGH_REPLICAS below min.insync.replicas, since markers are written with acks=all), the
 * leader epoch stamp, the append under the partition's producer-state lock (so it is ordered with
 * the producer's own batches), and the leader-append notification replication waits on.
 * WriteTxnMarkers and the local transaction coordinator both write through here. A marker in a
 * {@code __consumer_offsets} partition is also handed to the group coordinator
 * ({@link OffsetsMarkerListener}), and counts as written once it has applied it.
 *
 * <p>Thread-safe.
 */
public final class TransactionMarkerWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionMarkerWriter.class);

    private final PartitionLookup partitions;
    private final ReplicaManager replicas;
    private final Time time;
    private volatile OffsetsMarkerListener offsetsMarkers = OffsetsMarkerListener.NONE;

    public TransactionMarkerWriter(PartitionLookup partitions, ReplicaManager replicas, Time time) {
        this.partitions = partitions;
        this.replicas = replicas;
        this.time = time;
    }

    /** Hands markers in {@code __consumer_offsets} to the group coordinator; set before serving. */
    public void offsetsMarkers(OffsetsMarkerListener listener) {
        this.offsetsMarkers = listener;
    }

    /**
     * Appends the marker and, in {@code __consumer_offsets}, has the group coordinator apply it.
     *
     * @param commit           COMMIT when true, ABORT when false
     * @param coordinatorEpoch the epoch of the transaction coordinator writing it
     * @return NONE once written and applied; else the partition's error
     */
    public CompletableFuture<ErrorCode> write(String topic, int partition, long producerId, short producerEpoch, boolean commit,
                                              int coordinatorEpoch) {
        ErrorCode appended = append(topic, partition, producerId, producerEpoch, commit, coordinatorEpoch);
        if (appended != ErrorCode.NONE || !TopicNames.CONSUMER_OFFSETS.equals(topic)) {
            return CompletableFuture.completedFuture(appended);
        }
        return offsetsMarkers.onMarker(partition, producerId, commit);
    }

    private ErrorCode append(String topic, int partition, long producerId, short producerEpoch, boolean commit, int coordinatorEpoch) {
        Optional<PartitionLog> found = partitions.log(topic, partition);
        if (found.isEmpty()) {
            return partitions.missing(topic, partition);
        }
        PartitionLog log = found.get();
        Optional<ReplicatedPartition> replicated = replicas.partition(log.topicPartition());
        ErrorCode roleError = replicated.map(p -> p.checkAppend((short) -1)).orElse(ErrorCode.NONE);
        if (roleError != ErrorCode.NONE) {
            return roleError;
        }
        int leaderEpoch = replicated.map(ReplicatedPartition::leaderEpoch).orElse(LeaderEpoch.CURRENT);
        EndTransactionMarker marker = new EndTransactionMarker(commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT, coordinatorEpoch);
        MemoryRecords records = new MemoryRecords(RecordBatchBuilder.endTransactionMarker(0, time.milliseconds(), leaderEpoch,
                producerId, producerEpoch, marker));
        try {
            // the log's producer state takes the marker: the transaction ends, the LSO moves, an ABORT
            // goes into the segment's .txnindex; a marker of a fenced epoch is refused
            log.appendAsLeader(records, replicated.isPresent() ? leaderEpoch : PartitionLog.NO_EPOCH_STAMP);
        } catch (ProducerStateException e) {
            LOG.info("Marker for producer {} refused by {}-{}: {}", producerId, topic, partition, e.getMessage());
            return e.error();
        } catch (RecordTooLargeException | CorruptRecordException e) {
            LOG.error("Marker for producer {} refused by {}-{}", producerId, topic, partition, e);
            return ErrorCode.CORRUPT_MESSAGE;
        } catch (StorageException e) {
            LOG.error("Marker append to {}-{} failed", topic, partition, e);
            return ErrorCode.KAFKA_STORAGE_ERROR;
        }
        replicated.ifPresent(ReplicatedPartition::onLeaderAppend);
        return ErrorCode.NONE;
    }
}
