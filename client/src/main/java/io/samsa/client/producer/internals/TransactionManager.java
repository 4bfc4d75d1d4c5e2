package io.samsa.client.producer.internals;

import io.samsa.client.common.Node;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerGroupMetadata;
import io.samsa.client.consumer.OffsetAndMetadata;
import io.samsa.client.errors.GroupAuthorizationException;
import io.samsa.client.errors.InvalidProducerEpochException;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.ProducerFencedException;
import io.samsa.client.errors.TransactionAbortedException;
import io.samsa.client.errors.TransactionalIdAuthorizationException;
import io.samsa.client.errors.UnsupportedVersionException;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.util.Time;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional producer's state machine ({@link TransactionState}, kafka-clients' transaction
 * version 1 protocol) and the queue of transactional requests it sends to the transaction and group
 * coordinators, one at a time:
 *
 * <pre>
 *   application thread                      sender thread (poll)
 *   initializeTransactions() --queue-->     FindCoordinator(TRANSACTION) -> InitProducerId
 *   beginTransaction()                      (local: READY -> IN_TRANSACTION)
 *   maybeAddPartition(tp) --new set-->      AddPartitionsToTxn, before any batch of tp is drained
 *   sendOffsetsToTransaction() --queue-->   AddOffsetsToTxn -> FindCoordinator(GROUP) -> TxnOffsetCommit
 *   beginCommit() / beginAbort() --queue--> flush; once no batch is incomplete: EndTxn
 *                                           (abort with broken sequences: InitProducerId bump, KIP-360)
 * </pre>
 *
 * <p>Errors: fencing (PRODUCER_FENCED, INVALID_PRODUCER_EPOCH) and TRANSACTIONAL_ID_AUTHORIZATION_FAILED
 * are fatal: every later call throws. Errors scoped to the transaction (a failed batch, an
 * authorization error on a topic or group, a fenced group member) are abortable: the producer drops
 * what it has not sent, commit throws, and abort brings it back to READY. Coordinator moves and
 * loads and CONCURRENT_TRANSACTIONS are retried after a backoff.
 *
 * <p>The blocking calls return a {@link TransactionalRequestResult} the caller awaits for
 * max.block.ms; one that timed out stays pending, and calling the same method again resumes it.
 *
 * <p>Thread-safe: every method synchronizes on this object. Requests are built and answers handled
 * on the sender thread (answers arrive through {@code onSenderThread}).
 */
public final class TransactionManager {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionManager.class);

    private final String transactionalId;
    private final int transactionTimeoutMs;
    private final long retryBackoffMs;
    private final IdempotenceState idempotence;
    private final TxnChannel channel;
    private final RecordAccumulator accumulator;
    private final Consumer<Runnable> onSenderThread;
    private final Time time;

    private TransactionState state = TransactionState.UNINITIALIZED;
    private RuntimeException lastError;
    private final Set<TopicPartition> partitionsInTransaction = new HashSet<>();
    /** Partitions sent to in this transaction and not yet in an AddPartitionsToTxn. */
    private final Set<TopicPartition> newPartitions = new LinkedHashSet<>();
    /** Partitions of the AddPartitionsToTxn waiting or in flight. */
    private final Set<TopicPartition> pendingPartitions = new HashSet<>();
    /** Whether the coordinator knows of this transaction (a partition or the offsets were added). */
    private boolean transactionStarted;
    private final ArrayDeque<TxnRequestHandler> queue = new ArrayDeque<>();
    private TxnRequestHandler inFlight;
    private boolean lookupInFlight;
    private boolean flushing;
    private TransactionalRequestResult pendingResult;
    private String pendingOperation;

    /**
     * @param idempotence    the producer id, epoch and sequences; this manager sets the id and epoch
     * @param onSenderThread runs a task on the sender thread (network answers are handed over through it)
     */
    public TransactionManager(String transactionalId, int transactionTimeoutMs, long retryBackoffMs, IdempotenceState idempotence,
                              TxnChannel channel, RecordAccumulator accumulator, Consumer<Runnable> onSenderThread, Time time) {
        this.transactionalId = transactionalId;
        this.transactionTimeoutMs = transactionTimeoutMs;
        this.retryBackoffMs = retryBackoffMs;
        this.idempotence = idempotence;
        this.channel = channel;
        this.accumulator = accumulator;
        this.onSenderThread = onSenderThread;
        this.time = time;
    }

    // ---- the application's calls ----

    /** initTransactions(): InitProducerId through the transaction coordinator. */
    public synchronized TransactionalRequestResult initializeTransactions() {
        TransactionalRequestResult resumed = resume("initTransactions");
        if (resumed != null) {
            return resumed;
        }
        throwIfFatal();
        requireTransition(TransactionState.INITIALIZING);
        TransactionalRequestResult result = new TransactionalRequestResult("InitProducerId");
        queue.add(new InitProducerIdHandler(this, result, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH));
        return pending("initTransactions", result);
    }

    /** beginTransaction(): local only; the coordinator hears of the transaction with its first partition or offsets. */
    public synchronized void beginTransaction() {
        throwIfPending("beginTransaction");
        maybeFailWithError();
        if (state == TransactionState.UNINITIALIZED || state == TransactionState.INITIALIZING) {
            throw new IllegalStateException("Cannot begin a transaction before initTransactions() has completed");
        }
        requireTransition(TransactionState.IN_TRANSACTION);
        partitionsInTransaction.clear();
        transactionStarted = false;
    }

    /** Called by send() before appending: the partition joins the transaction before its first batch goes out. */
    public synchronized void maybeAddPartition(TopicPartition partition) {
        maybeFailWithError();
        if (state == TransactionState.UNINITIALIZED || state == TransactionState.INITIALIZING) {
            throw new IllegalStateException("Cannot perform a 'send' before completing a call to initTransactions when "
                + "transactions are enabled.");
        }
        if (state != TransactionState.IN_TRANSACTION) {
            throw new IllegalStateException("Cannot call send in state " + state);
        }
        if (!partitionsInTransaction.contains(partition) && !pendingPartitions.contains(partition)) {
            newPartitions.add(partition);
        }
    }

    /** sendOffsetsToTransaction(): AddOffsetsToTxn, then TxnOffsetCommit to the group's coordinator. */
    public synchronized TransactionalRequestResult sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                                                            ConsumerGroupMetadata group) {
        TransactionalRequestResult resumed = resume("sendOffsetsToTransaction");
        if (resumed != null) {
            return resumed;
        }
        maybeFailWithError();
        if (state != TransactionState.IN_TRANSACTION) {
            throw new IllegalStateException("Cannot send offsets if a transaction is not in progress (currentState= " + state + ")");
        }
        TransactionalRequestResult result = new TransactionalRequestResult("AddOffsetsToTxn");
        if (offsets.isEmpty()) {
            result.succeed();
            return result;
        }
        queue.add(new AddOffsetsToTxnHandler(this, new TxnOffsetCommitHandler(this, result, offsets, group)));
        return pending("sendOffsetsToTransaction", result);
    }

    /** commitTransaction(): flushes, then EndTxn(commit) once every batch is answered. */
    public synchronized TransactionalRequestResult beginCommit() {
        TransactionalRequestResult resumed = resume("commitTransaction");
        if (resumed != null) {
            return resumed;
        }
        maybeFailWithError();
        requireTransition(TransactionState.COMMITTING_TRANSACTION);
        TransactionalRequestResult result = new TransactionalRequestResult("EndTxn(true)");
        queue.add(new EndTxnHandler(this, result, true));
        return pending("commitTransaction", result);
    }

    /** abortTransaction(): drops unsent batches, waits for those in flight, then EndTxn(abort). */
    public synchronized TransactionalRequestResult beginAbort() {
        TransactionalRequestResult resumed = resume("abortTransaction");
        if (resumed != null) {
            return resumed;
        }
        throwIfFatal();
        return pending("abortTransaction", startAbort());
    }

    /** The caller saw {@code result} complete (or fail): a later call starts afresh instead of resuming it. */
    public synchronized void awaited(TransactionalRequestResult result) {
        if (pendingResult == result) {
            pendingResult = null;
            pendingOperation = null;
        }
    }

    // ---- the sender's calls ----

    /**
     * Sends the next transactional request when none is in flight and its backoff has passed.
     *
     * @param batchesIncomplete whether any batch is queued or in flight (EndTxn waits for all of them)
     */
    public synchronized void poll(long nowMs, boolean batchesIncomplete) {
        if (state == TransactionState.FATAL_ERROR) {
            failQueued(lastError);
            return;
        }
        if (inFlight != null || lookupInFlight) {
            return;
        }
        TxnRequestHandler next = next(batchesIncomplete);
        if (next == null || next.delayed && next.notBeforeMs - nowMs > 0) {
            return;
        }
        CompletableFuture<Node> coordinator = channel.coordinator(next.coordinatorType(), next.coordinatorKey());
        if (coordinator.isDone() && !coordinator.isCompletedExceptionally()) {
            send(next, coordinator.join());
            return;
        }
        lookupInFlight = true;
        coordinator.whenComplete((node, error) -> onSenderThread.accept(() -> onCoordinator(next, error)));
    }

    /** Whether a batch of {@code partition} may be drained now (the coordinator has the partition). */
    public synchronized boolean isSendToPartitionAllowed(TopicPartition partition) {
        return (state == TransactionState.IN_TRANSACTION || state == TransactionState.COMMITTING_TRANSACTION)
            && partitionsInTransaction.contains(partition);
    }

    /** The failure for batches not yet drained, when they must be dropped now (fatal, abortable, aborting); else null. */
    public synchronized RuntimeException undrainedBatchFailure() {
        return switch (state) {
            case FATAL_ERROR, ABORTABLE_ERROR -> lastError;
            case ABORTING_TRANSACTION -> new TransactionAbortedException();
            default -> null;
        };
    }

    /** A batch of the transaction failed for good. */
    public synchronized void onBatchFailed(RuntimeException error) {
        if (error instanceof TransactionAbortedException) {
            return;
        }
        if (error instanceof ProducerFencedException || error instanceof TransactionalIdAuthorizationException) {
            fatal(error);
        } else if (error instanceof InvalidProducerEpochException) {
            fatal(new ProducerFencedException("There is a newer producer with the same transactionalId which fences the current one",
                error));
        } else {
            transitionToAbortableError(error);
        }
    }

    /** Whether transactional work is queued or in flight (a closing producer finishes it). */
    public synchronized boolean hasPendingWork() {
        return state != TransactionState.FATAL_ERROR
            && (!queue.isEmpty() || inFlight != null || lookupInFlight || !newPartitions.isEmpty());
    }

    /** A graceful close aborts a transaction left open, as kafka-clients does. */
    public synchronized void abortOpenTransactionOnClose() {
        if (state == TransactionState.IN_TRANSACTION || state == TransactionState.ABORTABLE_ERROR) {
            LOG.info("Aborting incomplete transaction of transactional id {} due to shutdown", transactionalId);
            startAbort();
        }
    }

    public synchronized TransactionState state() {
        return state;
    }

    /** The error that put the producer in ABORTABLE_ERROR or FATAL_ERROR, or null. */
    public synchronized RuntimeException lastError() {
        return lastError;
    }

    // ---- for the handlers (under this lock, on the sender thread) ----

    public String transactionalId() {
        return transactionalId;
    }

    int transactionTimeoutMs() {
        return transactionTimeoutMs;
    }

    long retryBackoffMs() {
        return retryBackoffMs;
    }

    long producerId() {
        return idempotence.producerId();
    }

    short producerEpoch() {
        return idempotence.producerEpoch();
    }

    void retry(TxnRequestHandler handler, long backoffMs, boolean lookupCoordinator) {
        LOG.debug("Retrying {} of transactional id {} in {} ms", handler, transactionalId, backoffMs);
        handler.delayed = true;
        handler.notBeforeMs = time.milliseconds() + backoffMs;
        if (lookupCoordinator) {
            channel.invalidate(handler.coordinatorType(), handler.coordinatorKey());
        }
    }

    void fatal(RuntimeException error) {
        if (state == TransactionState.FATAL_ERROR) {
            return;
        }
        LOG.error("Transactional id {}: fatal error, the producer must be closed: {}", transactionalId, error.toString());
        state = TransactionState.FATAL_ERROR;
        lastError = error;
        failQueued(error);
    }

    void abortable(TxnRequestHandler handler, RuntimeException error) {
        queue.remove(handler);
        if (handler instanceof AddPartitionsToTxnHandler) {
            pendingPartitions.clear();
        }
        handler.result.fail(error);
        transitionToAbortableError(error);
    }

    void onProducerIdAndEpoch(InitProducerIdHandler handler, long producerId, short epoch) {
        queue.remove(handler);
        LOG.info("Transactional id {}: producer id {} epoch {}", transactionalId, producerId, epoch);
        idempotence.setProducerIdAndEpoch(producerId, epoch);
        state = TransactionState.READY;
        handler.result.succeed();
    }

    void onPartitionsAdded(AddPartitionsToTxnHandler handler) {
        queue.remove(handler);
        partitionsInTransaction.addAll(handler.partitions());
        pendingPartitions.removeAll(handler.partitions());
        transactionStarted = true;
    }

    void onOffsetsAdded(AddOffsetsToTxnHandler handler, TxnOffsetCommitHandler commit) {
        queue.remove(handler);
        transactionStarted = true;
        queue.addFirst(commit);
    }

    void onOffsetsCommitted(TxnOffsetCommitHandler handler) {
        queue.remove(handler);
        handler.result.succeed();
    }

    void onTransactionEnded(EndTxnHandler handler) {
        queue.remove(handler);
        partitionsInTransaction.clear();
        transactionStarted = false;
        if (!handler.commit() && idempotence.needsProducerId() && idempotence.producerId() != RecordBatch.NO_PRODUCER_ID) {
            // a batch of the aborted transaction failed with a sequence: bump the epoch before the next transaction
            state = TransactionState.INITIALIZING;
            queue.addFirst(new InitProducerIdHandler(this, handler.result, idempotence.producerId(), idempotence.producerEpoch()));
            return;
        }
        state = TransactionState.READY;
        handler.result.succeed();
    }

    // ---- internals ----

    private TransactionalRequestResult startAbort() {
        requireTransition(TransactionState.ABORTING_TRANSACTION);
        newPartitions.clear();
        for (Iterator<TxnRequestHandler> it = queue.iterator(); it.hasNext(); ) {
            TxnRequestHandler handler = it.next();
            if (handler != inFlight && !(handler instanceof AddPartitionsToTxnHandler)) {
                it.remove();
                handler.result.fail(new KafkaException("The transaction was aborted before " + handler + " was sent"));
            }
        }
        TransactionalRequestResult result = new TransactionalRequestResult("EndTxn(false)");
        queue.add(new EndTxnHandler(this, result, false));
        return result;
    }

    /** The queue's next request, after dropping what an abortable error voids; null when nothing may go now. */
    private TxnRequestHandler next(boolean batchesIncomplete) {
        if (state == TransactionState.ABORTABLE_ERROR) {
            newPartitions.clear();
            for (Iterator<TxnRequestHandler> it = queue.iterator(); it.hasNext(); ) {
                TxnRequestHandler handler = it.next();
                if (!handler.allowedInAbortableError()) {
                    it.remove();
                    if (handler instanceof AddPartitionsToTxnHandler) {
                        pendingPartitions.clear();
                    }
                    handler.result.fail(new KafkaException("Cannot complete " + handler + ": the transaction must be aborted",
                        lastError));
                }
            }
        }
        boolean inTransaction = state == TransactionState.IN_TRANSACTION || state == TransactionState.COMMITTING_TRANSACTION;
        if (inTransaction && !newPartitions.isEmpty() && pendingPartitions.isEmpty()) {
            Set<TopicPartition> adding = new LinkedHashSet<>(newPartitions);
            newPartitions.clear();
            pendingPartitions.addAll(adding);
            queue.addFirst(new AddPartitionsToTxnHandler(this, adding));
        }
        TxnRequestHandler head = queue.peekFirst();
        if (head != null && head.isEndTxn()) {
            if (batchesIncomplete || !newPartitions.isEmpty() || !pendingPartitions.isEmpty()) {
                if (!flushing) {
                    accumulator.beginFlush();
                    flushing = true;
                }
                return null;
            }
            stopFlushing();
            if (!transactionStarted) {
                // nothing reached the coordinator: there is nothing to end
                onTransactionEnded((EndTxnHandler) head);
                return null;
            }
            return head;
        }
        stopFlushing();
        return head;
    }

    private void stopFlushing() {
        if (flushing) {
            accumulator.endFlush();
            flushing = false;
        }
    }

    private void send(TxnRequestHandler handler, Node node) {
        inFlight = handler;
        LOG.debug("Sending {} of transactional id {} to node {}", handler, transactionalId, node.id());
        channel.send(node, handler.request())
            .whenComplete((response, error) -> onSenderThread.accept(() -> onResponse(handler, response, error)));
    }

    private synchronized void onResponse(TxnRequestHandler handler, ApiMessage response, Throwable error) {
        inFlight = null;
        if (state == TransactionState.FATAL_ERROR || !queue.contains(handler)) {
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof UnsupportedVersionException unsupported) {
            fatal(unsupported);
        } else if (cause != null) {
            LOG.debug("{} of transactional id {} failed: {}", handler, transactionalId, cause.toString());
            retry(handler, retryBackoffMs, true);
        } else {
            handler.onResponse(response);
        }
    }

    private synchronized void onCoordinator(TxnRequestHandler handler, Throwable error) {
        lookupInFlight = false;
        Throwable cause = unwrap(error);
        if (cause == null || state == TransactionState.FATAL_ERROR || !queue.contains(handler)) {
            return;
        }
        if (cause instanceof TransactionalIdAuthorizationException fatalError) {
            fatal(fatalError);
        } else if (cause instanceof GroupAuthorizationException groupError) {
            abortable(handler, groupError);
        } else {
            LOG.debug("FindCoordinator for {} of transactional id {} failed: {}", handler, transactionalId, cause.toString());
            retry(handler, retryBackoffMs, true);
        }
    }

    private void transitionToAbortableError(RuntimeException error) {
        if (state == TransactionState.ABORTING_TRANSACTION || state == TransactionState.FATAL_ERROR
            || state == TransactionState.ABORTABLE_ERROR) {
            return;
        }
        if (!state.canTransitionTo(TransactionState.ABORTABLE_ERROR)) {
            fatal(error);
            return;
        }
        LOG.info("Transactional id {}: the transaction must be aborted: {}", transactionalId, error.toString());
        state = TransactionState.ABORTABLE_ERROR;
        lastError = error;
    }

    private void failQueued(RuntimeException error) {
        for (TxnRequestHandler handler : queue) {
            handler.result.fail(error);
        }
        queue.clear();
        newPartitions.clear();
        pendingPartitions.clear();
        stopFlushing();
    }

    private void requireTransition(TransactionState target) {
        if (!state.canTransitionTo(target)) {
            throw new IllegalStateException("TransactionalId " + transactionalId + ": Invalid transition attempted from state "
                + state + " to state " + target);
        }
        state = target;
    }

    private void throwIfFatal() {
        if (state == TransactionState.FATAL_ERROR) {
            throw lastError instanceof KafkaException kafka ? kafka : new KafkaException(lastError);
        }
    }

    private void maybeFailWithError() {
        throwIfFatal();
        if (state == TransactionState.ABORTABLE_ERROR) {
            throw new KafkaException("Cannot execute transactional method because we are in an error state", lastError);
        }
    }

    private TransactionalRequestResult resume(String operation) {
        if (pendingResult == null) {
            return null;
        }
        if (pendingOperation.equals(operation)) {
            return pendingResult;
        }
        throw new IllegalStateException("Cannot attempt operation `" + operation + "` because the previous call to `"
            + pendingOperation + "` timed out and must be retried");
    }

    private void throwIfPending(String operation) {
        resume(operation);
    }

    private TransactionalRequestResult pending(String operation, TransactionalRequestResult result) {
        pendingResult = result;
        pendingOperation = operation;
        return result;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
