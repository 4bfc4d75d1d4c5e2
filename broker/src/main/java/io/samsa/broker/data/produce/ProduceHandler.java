package io.samsa.broker.data.produce;

import io.samsa.broker.api.ClientErrorException;
import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.data.partitions.PartitionLookup;
import io.samsa.broker.data.partitions.TopicTrafficListener;
import io.samsa.broker.metadata.LeaderEpoch;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ProduceRequest.PartitionProduceData;
import io.samsa.protocol.message.ProduceRequest.TopicProduceData;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.message.ProduceResponse.BatchIndexAndErrorMessage;
import io.samsa.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.samsa.protocol.message.ProduceResponse.TopicProduceResponse;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.record.CorruptRecordException;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.util.Time;
import io.samsa.storage.AppendInfo;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.ProducerStateException;
import io.samsa.storage.ProducerStateManager;
import io.samsa.storage.RecordTooLargeException;
import io.samsa.storage.SequenceCheck;
import io.samsa.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produce (key 0), versions 3-11 (0-2 are advertised for librdkafka's feature probe but closed by
 * the framework, as Kafka 4.x does).
 *
 * <p>A request with transactional records is refused whole by {@link TransactionalProduceGate}
 * (TRANSACTIONAL_ID_AUTHORIZATION_FAILED for every partition, nothing appended) unless its
 * {@link TransactionVerifier} says the producer's transaction is open for those partitions. Otherwise each
 * partition's batch is validated ({@link ProducedBatchValidator}, records included, against the
 * broker's clock read once per request), checked against its
 * producer's sequence when idempotent (the log's {@link ProducerStateManager}, which the append
 * itself updates: transactions opened, LSO) and appended as received:
 * the request's bytes go to the log with their offsets assigned in place, no copy. The handler
 * runs on an I/O thread, so appends (and, when the topic's flush settings ask for it, their fsync)
 * happen there, never on an event loop; the request's bytes are valid until the returned future
 * completes, and it completes only after every append.
 *
 * <p>Requests of one connection are handled one after another ({@link #orderedPerConnection}), so
 * batches reach the log in the order a pipelining producer sent them.
 *
 * <p>acks: 1 and -1 answer once the append returned, which on a single node includes whatever
 * durability the log's flush settings require; 0 appends the same way and sends no response; any
 * other value answers INVALID_REQUIRED_ACKS for every partition without appending. An acks=0
 * request with a failed partition closes the connection (Kafka's way of telling such a client),
 * through a {@link ClientErrorException}: one WARN line, no stack trace.
 *
 * <p>Replicated partitions (those with a role, {@link ReplicaManager}): only the leader appends
 * (NOT_LEADER_OR_FOLLOWER elsewhere), stamping its leader epoch; acks=-1 is refused with
 * NOT_ENOUGH_REPLICAS before the append when the ISR is below min.insync.replicas, and after it
 * the request waits in the {@link ProducePurgatory} (no thread held) until the high watermark
 * passes every appended batch, answering NOT_ENOUGH_REPLICAS_AFTER_APPEND if the ISR shrank below
 * min.insync.replicas meanwhile, or REQUEST_TIMED_OUT after timeout_ms.
 *
 * <p>Thread-safe.
 */
public final class ProduceHandler extends MessageHandler<ProduceRequest, ProduceResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ProduceHandler.class);

    private final PartitionLookup partitions;
    private final ProducerStateTable producerStates;
    private final Time time;
    private final TransactionalProduceGate transactions;
    private final ReplicaManager replicas;
    private final ProducePurgatory purgatory;
    private final TopicTrafficListener traffic;

    /** @param time the clock CreateTime timestamps are checked against */
    public ProduceHandler(PartitionLookup partitions, ProducerStateTable producerStates, Time time, ReplicaManager replicas,
                          ProducePurgatory purgatory) {
        this(partitions, producerStates, time, replicas, purgatory, TransactionVerifier.NONE, TopicTrafficListener.NONE);
    }

    /** @param verifier whether a producer's transaction is open for a partition (the transaction coordinator's view) */
    public ProduceHandler(PartitionLookup partitions, ProducerStateTable producerStates, Time time, ReplicaManager replicas,
                          ProducePurgatory purgatory, TransactionVerifier verifier) {
        this(partitions, producerStates, time, replicas, purgatory, verifier, TopicTrafficListener.NONE);
    }

    /** @param traffic told once per partition append, with the batch header's record count */
    public ProduceHandler(PartitionLookup partitions, ProducerStateTable producerStates, Time time, ReplicaManager replicas,
                          ProducePurgatory purgatory, TransactionVerifier verifier, TopicTrafficListener traffic) {
        super(ApiKey.PRODUCE);
        this.traffic = traffic;
        this.transactions = new TransactionalProduceGate(verifier);
        this.partitions = partitions;
        this.producerStates = producerStates;
        this.time = time;
        this.replicas = replicas;
        this.purgatory = purgatory;
    }

    /** A pipelining producer's batches must reach the log in the order it sent them. */
    @Override
    public boolean orderedPerConnection() {
        return true;
    }

    @Override
    protected CompletableFuture<ProduceResponse> handle(RequestContext context, ProduceRequest request) {
        short acks = request.acks();
        boolean validAcks = acks == 0 || acks == 1 || acks == -1;
        boolean admitted = transactions.admits(request);
        long nowMs = time.milliseconds();
        List<TopicProduceResponse> topics = new ArrayList<>(request.topicData().size());
        List<PendingAck> pending = new ArrayList<>(0);
        for (TopicProduceData topic : request.topicData()) {
            List<PartitionProduceResponse> results = new ArrayList<>(topic.partitionData().size());
            for (PartitionProduceData partition : topic.partitionData()) {
                if (!admitted) {
                    results.add(failed(partition.index(), ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, null));
                } else if (!validAcks) {
                    results.add(failed(partition.index(), ErrorCode.INVALID_REQUIRED_ACKS, "acks must be -1, 0 or 1, not " + acks));
                } else {
                    results.add(append(topic.name(), partition, context.apiVersion(), nowMs, acks, pending));
                }
                PartitionProduceResponse result = results.get(results.size() - 1);
                if (result.errorCode() != ErrorCode.NONE.code()) {
                    traffic.produceFailed(topic.name());
                }
            }
            topics.add(new TopicProduceResponse().setName(topic.name()).setPartitionResponses(results));
        }
        if (acks == 0) {
            // no response to carry an error: like Kafka, close the connection so the client notices
            Optional<PartitionProduceResponse> failure = topics.stream().flatMap(t -> t.partitionResponses().stream())
                    .filter(p -> p.errorCode() != ErrorCode.NONE.code()).findFirst();
            return failure.isEmpty() ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(
                    new ClientErrorException("acks=0 produce failed: " + ErrorCode.forCode(failure.get().errorCode())));
        }
        ProduceResponse response = new ProduceResponse().setResponses(topics);
        return pending.isEmpty() ? CompletableFuture.completedFuture(response)
                : purgatory.park(response, pending, request.timeoutMs());
    }

    /**
     * Validates and appends one partition's batch. An acks=-1 append (or duplicate) to a replicated
     * partition is added to {@code pending}: its answer waits until the high watermark passes the
     * batch's last offset (for a duplicate, the current log end).
     */
    private PartitionProduceResponse append(String topic, PartitionProduceData data, short version, long nowMs, short acks,
                                            List<PendingAck> pending) {
        int index = data.index();
        Optional<PartitionLog> found = partitions.log(topic, index);
        if (found.isEmpty()) {
            return failed(index, partitions.missing(topic, index), null);
        }
        if (!(data.records() instanceof MemoryRecords records)) {
            return failed(index, ErrorCode.INVALID_RECORD, "no records");
        }
        PartitionLog log = found.get();
        Optional<ReplicatedPartition> replicated = replicas.partition(log.topicPartition());
        ErrorCode roleError = replicated.map(p -> p.checkAppend(acks)).orElse(ErrorCode.NONE);
        if (roleError != ErrorCode.NONE) {
            return failed(index, roleError, null);
        }
        try {
            RecordBatch batch = ProducedBatchValidator.validate(records.buffer(), version, log.config(), log.topicPartition(), nowMs);
            batch.setPartitionLeaderEpoch(replicated.map(ReplicatedPartition::leaderEpoch).orElse(LeaderEpoch.CURRENT)); // not under the CRC
            AppendInfo info;
            if (batch.hasProducerId()) {
                ProducerStateManager state = producerStates.of(log);
                synchronized (state) {
                    state.pruneBelow(log.logStartOffset());
                    SequenceCheck check = state.check(batch);
                    if (check.error() != ErrorCode.NONE) {
                        return failed(index, check.error(), check.message());
                    }
                    if (check.duplicate() != null) {
                        PartitionProduceResponse duplicate = new PartitionProduceResponse().setIndex(index)
                                .setErrorCode(ErrorCode.NONE.code()).setBaseOffset(check.duplicate().firstOffset())
                                .setLogAppendTimeMs(-1).setLogStartOffset(log.logStartOffset());
                        awaitReplication(replicated, acks, log.logEndOffset(), duplicate, pending);
                        return duplicate;
                    }
                    info = log.append(records); // the log applies the batch to the producer state
                }
            } else {
                info = log.append(records);
            }
            replicated.ifPresent(ReplicatedPartition::onLeaderAppend);
            traffic.produced(topic, batch.recordsCount(), records.sizeInBytes());
            PartitionProduceResponse appended = new PartitionProduceResponse().setIndex(index).setErrorCode(ErrorCode.NONE.code())
                    .setBaseOffset(info.firstOffset()).setLogAppendTimeMs(info.logAppendTimeMs())
                    .setLogStartOffset(info.logStartOffset());
            awaitReplication(replicated, acks, info.lastOffset() + 1, appended, pending);
            return appended;
        } catch (ProducedBatchValidator.RejectedBatchException e) {
            return failed(index, e.error(), e.getMessage()).setRecordErrors(recordErrors(e.recordErrors()));
        } catch (ProducerStateException e) {
            return failed(index, e.error(), e.getMessage());
        } catch (RecordTooLargeException e) {
            return failed(index, ErrorCode.MESSAGE_TOO_LARGE, e.getMessage());
        } catch (CorruptRecordException e) {
            return failed(index, ErrorCode.CORRUPT_MESSAGE, e.getMessage());
        } catch (StorageException e) {
            LOG.error("Append to {}-{} failed", topic, index, e);
            return failed(index, ErrorCode.KAFKA_STORAGE_ERROR, e.getMessage());
        }
    }

    private static void awaitReplication(Optional<ReplicatedPartition> replicated, short acks, long requiredOffset,
                                         PartitionProduceResponse response, List<PendingAck> pending) {
        if (acks == -1) {
            replicated.ifPresent(p -> pending.add(new PendingAck(p, requiredOffset, p.leaderEpoch(), response)));
        }
    }

    private static List<BatchIndexAndErrorMessage> recordErrors(List<RecordError> errors) {
        List<BatchIndexAndErrorMessage> out = new ArrayList<>(errors.size());
        for (RecordError error : errors) {
            out.add(new BatchIndexAndErrorMessage().setBatchIndex(error.batchIndex()).setBatchIndexErrorMessage(error.message()));
        }
        return out;
    }

    private static PartitionProduceResponse failed(int index, ErrorCode error, String message) {
        return new PartitionProduceResponse().setIndex(index).setErrorCode(error.code()).setBaseOffset(-1)
                .setLogAppendTimeMs(-1).setLogStartOffset(-1).setErrorMessage(message);
    }
}
