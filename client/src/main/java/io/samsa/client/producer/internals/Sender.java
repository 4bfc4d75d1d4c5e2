package io.samsa.client.producer.internals;

import io.samsa.client.common.Node;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.errors.Errors;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.OutOfOrderSequenceException;
import io.samsa.client.errors.RetriableException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.client.internals.metadata.MetadataSnapshot;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.Time;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's I/O thread: drains sendable batches per leader into Produce requests, and handles
 * every answer — completing records, retrying retriable failures after retry.backoff.ms until
 * delivery.timeout.ms, failing the rest with the mapped exception, and keeping the idempotent
 * producer's id and sequences ({@link IdempotenceState}, {@link ProducerIdManager}). A transactional
 * producer's id comes from its {@link TransactionManager} instead, which this thread also drives: a
 * batch is drained only once its partition is in the transaction, and batches not yet drained are
 * dropped when the transaction must be (or is being) aborted.
 *
 * <p>Threading: everything here runs on the sender thread. Network futures complete on the network
 * thread and only enqueue an event here, so callbacks run on this thread, in order per partition.
 * At most max.in.flight.requests.per.connection Produce requests are outstanding per broker.
 */
public final class Sender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    /** Longest idle wait, so metadata changes are noticed without an explicit wakeup. */
    private static final long MAX_POLL_MS = 50;
    /** Longest idle wait while transactional requests are pending (their backoffs are 20 ms and up). */
    private static final long TRANSACTIONAL_POLL_MS = 5;

    /** Produce errors a transactional batch is never retried on. */
    private static final java.util.EnumSet<ErrorCode> TRANSACTION_ENDING_ERRORS = java.util.EnumSet.of(ErrorCode.UNKNOWN_PRODUCER_ID,
        ErrorCode.INVALID_PRODUCER_EPOCH, ErrorCode.PRODUCER_FENCED, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
        ErrorCode.INVALID_TXN_STATE);

    private final SenderConfig config;
    private final RecordAccumulator accumulator;
    private final ClusterMetadata metadata;
    private final NetworkClient network;
    private final ProducerIdManager producerIds;
    private final IdempotenceState idempotence;
    private final TransactionManager transactions;
    private final ProducerMetrics metrics;
    private final Time time;
    private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final Map<Integer, Integer> inFlightByNode = new HashMap<>();
    private final Set<ProducerBatch> inFlightBatches = new LinkedHashSet<>();
    private final Object wakeLock = new Object();
    private boolean wakeRequested;
    private volatile boolean running = true;
    private volatile boolean forceClose;
    private volatile java.util.function.IntConsumer afterSendHook = nodeId -> { };

    /** @param idempotence null when enable.idempotence is off */
    public Sender(SenderConfig config, RecordAccumulator accumulator, ClusterMetadata metadata, NetworkClient network,
                  IdempotenceState idempotence, ProducerMetrics metrics, Time time) {
        this(config, accumulator, metadata, network, idempotence, null, metrics, time);
    }

    /**
     * @param idempotence  null when enable.idempotence is off
     * @param transactions null without transactional.id; it then owns {@code idempotence}'s producer id
     */
    public Sender(SenderConfig config, RecordAccumulator accumulator, ClusterMetadata metadata, NetworkClient network,
                  IdempotenceState idempotence, TransactionManager transactions, ProducerMetrics metrics, Time time) {
        this.config = config;
        this.accumulator = accumulator;
        this.metadata = metadata;
        this.network = network;
        this.idempotence = idempotence;
        this.transactions = transactions;
        this.producerIds = idempotence == null || transactions != null ? null
            : new ProducerIdManager(idempotence, metadata, network, config.retryBackoffMs(), this::enqueue, this::failQueued);
        this.metrics = metrics;
        this.time = time;
    }

    @Override
    public void run() {
        while (running) {
            runOnce();
        }
        // graceful close: send what is left (and abort an open transaction), unless forced
        if (!forceClose && transactions != null) {
            transactions.abortOpenTransactionOnClose();
        }
        while (!forceClose && (accumulator.hasIncomplete() || transactions != null && transactions.hasPendingWork())) {
            runOnce();
        }
        if (forceClose) {
            runEvents();
            KafkaException closed = new KafkaException("Producer is closed forcefully.");
            accumulator.drainAll().forEach(batch -> fail(batch, closed));
            new ArrayList<>(inFlightBatches).forEach(batch -> fail(batch, closed));
        }
        LOG.debug("Producer sender thread stopped");
    }

    /** One pass: events, producer id, expiry, sends, then a wait until something may be sendable. */
    void runOnce() {
        try {
            long nowMs = time.milliseconds();
            runEvents();
            if (producerIds != null) {
                producerIds.maybeRequest(nowMs, inFlightBatches.isEmpty());
            }
            boolean transactional = transactions != null && pollTransactions(nowMs);
            for (ProducerBatch batch : accumulator.expiredBatches(nowMs)) {
                fail(batch, new TimeoutException("Expiring " + batch.recordCount() + " record(s) for " + batch.topicPartition()
                    + ":" + (nowMs - batch.createdMs()) + " ms has passed since batch creation"));
            }
            boolean blocked = sendReady(nowMs);
            long waitMs = Math.min(transactional ? TRANSACTIONAL_POLL_MS : MAX_POLL_MS, accumulator.nextReadyDelayMs(nowMs));
            await(blocked && waitMs == 0 ? Math.min(config.retryBackoffMs(), 5) : waitMs);
        } catch (RuntimeException e) {
            LOG.error("Uncaught error in the producer sender thread", e);
        }
    }

    /**
     * Drops undrained batches the transaction voids, then lets the transaction manager send.
     *
     * @return whether transactional work is pending (the loop then wakes up more often for its backoffs)
     */
    private boolean pollTransactions(long nowMs) {
        RuntimeException drop = transactions.undrainedBatchFailure();
        if (drop != null && accumulator.hasQueued()) {
            accumulator.drainAll().forEach(batch -> fail(batch, drop));
        }
        transactions.poll(nowMs, accumulator.hasIncomplete());
        return transactions.hasPendingWork();
    }

    private void runEvents() {
        Runnable event;
        while ((event = events.poll()) != null) {
            event.run();
        }
    }

    /** @return whether some ready partition could not be drained now (in-flight limit, ordering, no leader) */
    private boolean sendReady(long nowMs) {
        Set<TopicPartition> ready = accumulator.readyPartitions(nowMs);
        if (ready.isEmpty()) {
            return false;
        }
        MetadataSnapshot snapshot = metadata.snapshot();
        Map<Node, List<TopicPartition>> byLeader = new LinkedHashMap<>();
        boolean blocked = false;
        for (TopicPartition partition : ready) {
            Optional<Node> leader = snapshot.leader(partition);
            if (leader.isEmpty()) {
                blocked = true;
                metadata.requestUpdate();
                continue;
            }
            byLeader.computeIfAbsent(leader.get(), n -> new ArrayList<>()).add(partition);
        }
        for (Map.Entry<Node, List<TopicPartition>> entry : byLeader.entrySet()) {
            Node node = entry.getKey();
            if (inFlightByNode.getOrDefault(node.id(), 0) >= config.maxInFlight()) {
                blocked = true;
                continue;
            }
            List<ProducerBatch> drained = drain(entry.getValue());
            if (drained.size() < entry.getValue().size()) {
                blocked = true;
            }
            if (!drained.isEmpty()) {
                send(node, drained, snapshot.topicIds(), nowMs);
            }
        }
        return blocked;
    }

    private List<ProducerBatch> drain(List<TopicPartition> partitions) {
        List<ProducerBatch> drained = new ArrayList<>();
        int sizeBytes = 0;
        for (TopicPartition partition : partitions) {
            if (transactions != null && !transactions.isSendToPartitionAllowed(partition)) {
                continue;
            }
            ProducerBatch head = accumulator.peekFirst(partition);
            if (head == null || idempotence != null && !idempotence.canDrain(head)) {
                continue;
            }
            if (!drained.isEmpty() && sizeBytes + head.sizeInBytes() > config.maxRequestSizeBytes()) {
                break;
            }
            ProducerBatch batch = accumulator.pollFirst(partition);
            if (idempotence != null) {
                idempotence.stamp(batch);
            }
            drained.add(batch);
            sizeBytes += batch.sizeInBytes();
        }
        return drained;
    }

    private void send(Node node, List<ProducerBatch> batches, Map<String, Uuid> topicIds, long nowMs) {
        int records = 0;
        for (ProducerBatch batch : batches) {
            batch.onSend(nowMs);
            inFlightBatches.add(batch);
            metrics.recordBatch(batch.sizeInBytes(), batch.uncompressedBytes());
            records += batch.recordCount();
        }
        metrics.recordRequest(records);
        inFlightByNode.merge(node.id(), 1, Integer::sum);
        network.send(node, ProduceRequests.request(batches, config.acks(), config.requestTimeoutMs(), topicIds,
                transactions == null ? null : transactions.transactionalId()))
            .whenComplete((response, error) -> enqueue(() -> onResponse(node, batches, topicIds, response, error, nowMs)));
        afterSendHook.accept(node.id());
    }

    private void onResponse(Node node, List<ProducerBatch> batches, Map<String, Uuid> topicIds, ApiMessage response,
                            Throwable error, long sentMs) {
        long nowMs = time.milliseconds();
        inFlightByNode.merge(node.id(), -1, Integer::sum);
        metrics.recordLatency(nowMs - sentMs);
        for (ProducerBatch batch : batches) {
            batch.onResponse(nowMs);
            inFlightBatches.remove(batch);
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            RuntimeException exception = cause instanceof RuntimeException runtime ? runtime : new KafkaException(cause);
            ErrorCode code = cause instanceof RetriableException ? ErrorCode.NETWORK_EXCEPTION : Errors.forException(cause);
            LOG.debug("Produce request to node {} failed: {}", node.id(), cause.toString());
            for (ProducerBatch batch : batches) {
                onPartitionError(batch, code, exception, cause instanceof RetriableException, nowMs);
            }
            return;
        }
        if (response == null) {
            // acks=0: nothing comes back, offsets stay unknown
            batches.forEach(batch -> succeed(batch, -1, -1));
            return;
        }
        Map<TopicPartition, ProduceRequests.PartitionResult> results = ProduceRequests.results((ProduceResponse) response, topicIds);
        for (ProducerBatch batch : batches) {
            ProduceRequests.PartitionResult result = results.get(batch.topicPartition());
            if (result == null) {
                onPartitionError(batch, ErrorCode.UNKNOWN_SERVER_ERROR,
                    new KafkaException("The broker's response did not mention " + batch.topicPartition()), true, nowMs);
                continue;
            }
            ErrorCode code = ErrorCode.forCode(result.errorCode());
            if (code == ErrorCode.NONE || code == ErrorCode.DUPLICATE_SEQUENCE_NUMBER) {
                // a duplicate was written before: the idempotent producer treats it as success
                succeed(batch, result.baseOffset(), result.logAppendTimeMs());
            } else {
                onPartitionError(batch, code, Errors.toException(code, result.errorMessage()), code.retriable(), nowMs);
            }
        }
    }

    private void onPartitionError(ProducerBatch batch, ErrorCode code, RuntimeException exception, boolean retriable, long nowMs) {
        metadata.onError(code);
        boolean retry = retriable;
        if (idempotence != null && batch.hasSequence()) {
            switch (code) {
                case OUT_OF_ORDER_SEQUENCE_NUMBER -> {
                    // only the partition's first unresolved batch is truly out of order; later ones follow a failed one
                    retry = !idempotence.isFirstUnresolved(batch);
                    if (!retry) {
                        exception = new OutOfOrderSequenceException("The broker received an out of order sequence number for "
                            + batch.topicPartition() + " at sequence " + batch.baseSequence());
                    }
                }
                case UNKNOWN_PRODUCER_ID -> {
                    idempotence.requestEpochBump();
                    retry = true;
                }
                case INVALID_PRODUCER_EPOCH, PRODUCER_FENCED -> retry = batch.producerEpoch() != idempotence.producerEpoch();
                default -> {
                }
            }
        }
        if (transactions != null && TRANSACTION_ENDING_ERRORS.contains(code)) {
            // the transaction manager decides: fenced (fatal) or abortable; a retry cannot succeed
            retry = false;
        }
        boolean timedOut = nowMs - batch.createdMs() >= config.deliveryTimeoutMs();
        if (retry && !timedOut && batch.attempts() <= config.retries() && !forceClose) {
            LOG.debug("Retrying {} after {}", batch, code);
            metrics.recordRetries(batch.recordCount());
            accumulator.reenqueue(batch);
            return;
        }
        if (retry && timedOut) {
            exception = new TimeoutException("Expiring " + batch.recordCount() + " record(s) for " + batch.topicPartition() + ":"
                + (nowMs - batch.createdMs()) + " ms has passed since batch creation", exception);
        }
        fail(batch, exception);
    }

    private void succeed(ProducerBatch batch, long baseOffset, long logAppendTimeMs) {
        if (!batch.isDone()) {
            // metrics and bookkeeping first: a flush() returning on completion must see them
            metrics.recordSent(batch.recordCount());
            finish(batch, true);
            batch.complete(baseOffset, logAppendTimeMs, null);
            accumulator.deallocate(batch);
        }
    }

    private void fail(ProducerBatch batch, RuntimeException exception) {
        if (!batch.isDone()) {
            metrics.recordErrors(batch.recordCount());
            finish(batch, false);
            if (transactions != null) {
                transactions.onBatchFailed(exception);
            }
            batch.complete(-1, -1, exception);
            accumulator.deallocate(batch);
        }
    }

    private void finish(ProducerBatch batch, boolean success) {
        inFlightBatches.remove(batch);
        if (idempotence != null) {
            idempotence.onCompleted(batch, success);
        }
    }

    /** Fails every queued batch (a fatal InitProducerId error). */
    private void failQueued(RuntimeException exception) {
        accumulator.drainAll().forEach(batch -> fail(batch, exception));
    }

    /** Runs {@code event} on the sender thread soon. Safe from any thread. */
    public void enqueue(Runnable event) {
        events.add(event);
        wakeup();
    }

    /** Ends the current wait, e.g. after an append created or filled a batch. */
    public void wakeup() {
        synchronized (wakeLock) {
            wakeRequested = true;
            wakeLock.notifyAll();
        }
    }

    private void await(long waitMs) {
        synchronized (wakeLock) {
            if (!wakeRequested && waitMs > 0 && events.isEmpty()) {
                try {
                    wakeLock.wait(waitMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            wakeRequested = false;
        }
    }

    /**
     * For tests: called on the sender thread with the node id right after each Produce request is
     * handed to the network client (a disconnect issued here lands while that request is in flight).
     */
    public void setAfterSendHook(java.util.function.IntConsumer hook) {
        afterSendHook = hook;
    }

    /** Stops taking new work once everything accepted has completed. */
    public void initiateClose() {
        running = false;
        wakeup();
    }

    /** Stops now, failing whatever has not completed. */
    public void forceClose() {
        forceClose = true;
        running = false;
        wakeup();
    }
}
