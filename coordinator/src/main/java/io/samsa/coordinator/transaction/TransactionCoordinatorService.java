package io.samsa.coordinator.transaction;

import io.samsa.coordinator.OffsetsTopicPartitioner;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.runtime.CoordinatorException;
import io.samsa.coordinator.runtime.CoordinatorLog;
import io.samsa.coordinator.runtime.CoordinatorPartitionState;
import io.samsa.coordinator.runtime.CoordinatorRuntime;
import io.samsa.coordinator.runtime.ThreadPoolEventExecutor;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.util.Time;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction coordinator as the broker sees it: one method per transaction API, each taking
 * plain values and completing with an answer that carries any error as an error code (the future
 * never fails). A transactional id belongs to {@code __transaction_state} partition
 * {@code abs(hash) % partitions}, as in Kafka; the API's handler runs there through the
 * {@link CoordinatorRuntime}, over {@link TransactionCoordinatorShard}s that replay Kafka's
 * TransactionLog records ({@link TransactionLogCodec}).
 *
 * <pre>
 *  EndTxn ──► PrepareCommit durable ──► answer NONE ─┐
 *                                                     └─► MarkerDispatch ─► TransactionMarkerSender
 *                                                              (WriteTxnMarkers to every partition's leader)
 *                                    CompleteCommit ◄── MarkersWrittenHandler ◄── all written
 * </pre>
 *
 * <p>The broker calls {@link #onElection}/{@link #onResignation} as leadership of
 * {@code __transaction_state} partitions moves, and implements {@link CoordinatorLog} over them.
 *
 * <p>Thread-safe: call from any thread; futures complete on coordinator threads.
 */
public final class TransactionCoordinatorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCoordinatorService.class);

    /** Kafka's name of the topic; ids hash onto its partitions. */
    public static final String STATE_TOPIC = "__transaction_state";

    private final TransactionCoordinatorConfig config;
    private final CoordinatorRuntime<TransactionCoordinatorShard> runtime;
    private final TransactionMarkerSender markerSender;
    private final InitProducerIdHandler initProducerId;
    private final AddPartitionsHandler addPartitions = new AddPartitionsHandler();
    private final EndTxnHandler endTxn = new EndTxnHandler();
    private final MarkersWrittenHandler markersWritten = new MarkersWrittenHandler();

    /**
     * @param runtime      a runtime builder with time, executor and log set; this service adds the
     *                     shard factory and the record codec
     * @param markerSender writes the markers of decided transactions
     * @param producerIds  new producer ids (-1 while none is at hand)
     */
    public TransactionCoordinatorService(TransactionCoordinatorConfig config, CoordinatorRuntime.Builder<TransactionCoordinatorShard> runtime,
                                         TransactionMarkerSender markerSender, LongSupplier producerIds) {
        this.config = config;
        this.markerSender = markerSender;
        this.initProducerId = new InitProducerIdHandler(producerIds);
        this.runtime = runtime
                .withShardFactory(context -> new TransactionCoordinatorShard(context, config, this::dispatchMarkers))
                .withRecordCodec(TransactionLogCodec.INSTANCE)
                .withTopicName(STATE_TOPIC)
                .withMaxWriteBytes(config.maxWriteBytes())
                .withAppendTimeoutMs(config.appendTimeoutMs())
                .build();
    }

    /** The production wiring: the configured event threads and a timer ticker. */
    public static TransactionCoordinatorService start(TransactionCoordinatorConfig config, Time time, CoordinatorLog log,
                                                      TransactionMarkerSender markerSender, LongSupplier producerIds) {
        return new TransactionCoordinatorService(config, CoordinatorRuntime.<TransactionCoordinatorShard>builder()
                .withTime(time)
                .withExecutor(new ThreadPoolEventExecutor(config.threads(), "samsa-transaction-coordinator"))
                .withLog(log)
                .withTimerTicker(config.timerTickMs()), markerSender, producerIds);
    }

    public TransactionCoordinatorConfig config() {
        return config;
    }

    public CoordinatorRuntime<TransactionCoordinatorShard> runtime() {
        return runtime;
    }

    /** @return the {@code __transaction_state} partition that coordinates {@code transactionalId} */
    public int partitionFor(String transactionalId) {
        return OffsetsTopicPartitioner.partitionFor(transactionalId, config.stateTopicPartitions());
    }

    public CompletableFuture<Void> onElection(int partition) {
        return runtime.scheduleLoad(partition);
    }

    public CompletableFuture<Void> onElection(int partition, int leaderEpoch) {
        return runtime.scheduleLoad(partition, leaderEpoch);
    }

    public CompletableFuture<Void> onResignation(int partition) {
        return runtime.scheduleUnload(partition);
    }

    public CompletableFuture<Void> onResignation(int partition, int leaderEpoch) {
        return runtime.scheduleUnload(partition, leaderEpoch);
    }

    /** InitProducerId with a transactional id; see {@link InitProducerIdHandler}. */
    public CompletableFuture<InitProducerIdResult> initProducerId(String transactionalId, int timeoutMs, long producerId,
                                                                  short producerEpoch) {
        if (transactionalId.isEmpty()) {
            return CompletableFuture.completedFuture(InitProducerIdResult.failed(ErrorCode.INVALID_REQUEST));
        }
        return answer(runtime.scheduleWrite(partitionFor(transactionalId), "InitProducerId",
                (shard, nowMs) -> initProducerId.init(shard, transactionalId, timeoutMs, producerId, producerEpoch, nowMs)),
                InitProducerIdResult::failed);
    }

    /** AddPartitionsToTxn (v0-3, or v4+ without verify_only); one answer for every partition. */
    public CompletableFuture<ErrorCode> addPartitions(String transactionalId, long producerId, short producerEpoch,
                                                      Set<TopicPartition> partitions) {
        if (transactionalId.isEmpty()) {
            return CompletableFuture.completedFuture(ErrorCode.INVALID_REQUEST);
        }
        return answer(runtime.scheduleWrite(partitionFor(transactionalId), "AddPartitionsToTxn",
                (shard, nowMs) -> addPartitions.add(shard, transactionalId, producerId, producerEpoch, partitions, nowMs)),
                Function.identity());
    }

    /** AddPartitionsToTxn v4+ with verify_only: each partition NONE when in the open transaction. */
    public CompletableFuture<Map<TopicPartition, ErrorCode>> verifyPartitions(String transactionalId, long producerId,
                                                                              short producerEpoch, Set<TopicPartition> partitions) {
        return runtime.scheduleRead(partitionFor(transactionalId), "VerifyPartitionsInTxn", (shard, nowMs) -> {
            Map<TopicPartition, ErrorCode> errors = new LinkedHashMap<>();
            for (TopicPartition partition : partitions) {
                errors.put(partition, addPartitions.verify(shard, transactionalId, producerId, producerEpoch, partition));
            }
            return errors;
        }).exceptionally(error -> {
            Map<TopicPartition, ErrorCode> errors = new LinkedHashMap<>();
            partitions.forEach(partition -> errors.put(partition, coordinatorError(error)));
            return errors;
        });
    }

    /** AddOffsetsToTxn: adds the group's {@code __consumer_offsets} partition to the transaction. */
    public CompletableFuture<ErrorCode> addOffsets(String transactionalId, long producerId, short producerEpoch, String groupId) {
        TopicPartition offsets = new TopicPartition("__consumer_offsets",
                OffsetsTopicPartitioner.partitionFor(groupId, config.offsetsTopicPartitions()));
        return addPartitions(transactionalId, producerId, producerEpoch, Set.of(offsets));
    }

    /** EndTxn; see {@link EndTxnHandler}. */
    public CompletableFuture<ErrorCode> endTransaction(String transactionalId, long producerId, short producerEpoch, boolean commit) {
        if (transactionalId.isEmpty()) {
            return CompletableFuture.completedFuture(ErrorCode.INVALID_REQUEST);
        }
        return answer(runtime.scheduleWrite(partitionFor(transactionalId), "EndTxn",
                (shard, nowMs) -> endTxn.end(shard, transactionalId, producerId, producerEpoch, commit, nowMs)),
                Function.identity());
    }

    /** DescribeTransactions: one entry per id, in the order asked. */
    public CompletableFuture<List<DescribedTransaction>> describe(List<String> transactionalIds) {
        List<CompletableFuture<DescribedTransaction>> answers = new ArrayList<>(transactionalIds.size());
        for (String id : transactionalIds) {
            answers.add(runtime.scheduleRead(partitionFor(id), "DescribeTransactions", (shard, nowMs) -> {
                TransactionMetadata metadata = shard.store().get(id);
                return metadata == null ? DescribedTransaction.failed(id, ErrorCode.TRANSACTIONAL_ID_NOT_FOUND)
                        : DescribedTransaction.of(metadata);
            }).exceptionally(error -> DescribedTransaction.failed(id, coordinatorError(error))));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> answers.stream().map(CompletableFuture::join).toList());
    }

    /** ListTransactions over every partition this broker coordinates. */
    public CompletableFuture<ListedTransactions> list(TransactionFilter filter) {
        List<CompletableFuture<List<ListedTransaction>>> parts = new ArrayList<>();
        for (int partition : runtime.partitions()) {
            CoordinatorPartitionState state = runtime.partitionState(partition);
            if (state == CoordinatorPartitionState.LOADING) {
                return CompletableFuture.completedFuture(new ListedTransactions(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, List.of()));
            }
            if (state != CoordinatorPartitionState.ACTIVE) {
                continue;
            }
            parts.add(runtime.scheduleRead(partition, "ListTransactions", (shard, nowMs) -> {
                List<ListedTransaction> found = new ArrayList<>();
                for (TransactionMetadata metadata : shard.store().all()) {
                    if (filter.matches(metadata, nowMs)) {
                        found.add(new ListedTransaction(metadata.transactionalId(), metadata.producerId(), metadata.state().displayName()));
                    }
                }
                return found;
            }).exceptionally(error -> List.of()));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<ListedTransaction> all = new ArrayList<>();
            parts.forEach(part -> all.addAll(part.join()));
            return new ListedTransactions(ErrorCode.NONE, all);
        });
    }

    /** The shards' {@link MarkerDispatch}: send, then complete the transaction once all are written. */
    private void dispatchMarkers(int partition, TransactionMetadata prepared) {
        int coordinatorEpoch = Math.max(0, runtime.partitionEpoch(partition).orElse(0));
        TransactionMarkers markers = new TransactionMarkers(prepared.transactionalId(), prepared.producerId(), prepared.producerEpoch(),
                prepared.state() == TransactionState.PREPARE_COMMIT, coordinatorEpoch, prepared.partitions());
        markerSender.send(markers, () -> runtime.scheduleWrite(partition, "MarkersWritten",
                (shard, nowMs) -> markersWritten.complete(shard, prepared, nowMs)).whenComplete((ignored, error) -> {
                    if (error != null) {
                        LOG.info("Completing {} of {} after its markers: {}", prepared.state(), prepared.transactionalId(),
                                error.getMessage());
                    }
                }));
    }

    private static <T> CompletableFuture<T> answer(CompletableFuture<T> future, Function<ErrorCode, T> onError) {
        return future.exceptionally(error -> onError.apply(coordinatorError(error)));
    }

    /** Kafka's clients retry these; a failed append other than the coordinator's own is COORDINATOR_NOT_AVAILABLE. */
    private static ErrorCode coordinatorError(Throwable error) {
        ErrorCode code = CoordinatorException.errorOf(error);
        return switch (code) {
            case NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, UNKNOWN_SERVER_ERROR -> code;
            default -> ErrorCode.COORDINATOR_NOT_AVAILABLE;
        };
    }

    @Override
    public void close() {
        runtime.close();
    }
}
