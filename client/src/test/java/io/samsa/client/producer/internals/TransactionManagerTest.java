package io.samsa.client.producer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerGroupMetadata;
import io.samsa.client.consumer.OffsetAndMetadata;
import io.samsa.client.errors.InvalidProducerEpochException;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.ProducerFencedException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.client.errors.TopicAuthorizationException;
import io.samsa.client.errors.TransactionAbortedException;
import io.samsa.client.errors.TransactionalIdAuthorizationException;
import io.samsa.client.errors.UnknownMemberIdException;
import io.samsa.client.internals.metadata.CoordinatorType;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.AddOffsetsToTxnRequest;
import io.samsa.protocol.message.AddOffsetsToTxnResponse;
import io.samsa.protocol.message.AddPartitionsToTxnRequest;
import io.samsa.protocol.message.AddPartitionsToTxnResponse;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.EndTxnRequest;
import io.samsa.protocol.message.EndTxnResponse;
import io.samsa.protocol.message.InitProducerIdRequest;
import io.samsa.protocol.message.InitProducerIdResponse;
import io.samsa.protocol.message.TxnOffsetCommitRequest;
import io.samsa.protocol.message.TxnOffsetCommitResponse;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.util.ManualTime;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transaction manager's state machine, driven step by step on a manual clock against a
 * {@link ScriptedTxnChannel}: every transition, the request each step sends (and its version
 * caps), retries of coordinator errors with their backoffs, fencing, abortable errors, the KIP-360
 * bump after an abort, and a timed-out call resumed.
 */
class TransactionManagerTest {
    private static final long BACKOFF_MS = 100;
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);

    private final ManualTime time = new ManualTime();
    private final ScriptedTxnChannel channel = new ScriptedTxnChannel();
    private final ArrayDeque<Runnable> senderTasks = new ArrayDeque<>();
    private final IdempotenceState idempotence = new IdempotenceState(true);
    private final RecordAccumulator accumulator = new RecordAccumulator(16_384, CompressionType.NONE, 0, BACKOFF_MS, 120_000,
        new BufferPool(1 << 20, time));
    private final TransactionManager manager = new TransactionManager("txn-a", 30_000, BACKOFF_MS, idempotence, channel,
        accumulator, senderTasks::add, time);

    /** One sender pass: run the handed-over answers, then let the manager send. */
    private void step(boolean batchesIncomplete) {
        while (!senderTasks.isEmpty()) {
            senderTasks.poll().run();
        }
        manager.poll(time.milliseconds(), batchesIncomplete);
        while (!senderTasks.isEmpty()) {
            senderTasks.poll().run();
        }
    }

    private void step() {
        step(false);
    }

    /** Steps once and returns the one new request, which must be of {@code type}. */
    private ScriptedTxnChannel.Sent expect(ApiMessageType type) {
        int before = channel.sent.size();
        step();
        assertEquals(before + 1, channel.sent.size(), "one new request of " + type);
        ScriptedTxnChannel.Sent sent = channel.last();
        assertEquals(type, sent.type());
        return sent;
    }

    private void expectNothingSent() {
        int before = channel.sent.size();
        step();
        assertEquals(before, channel.sent.size(), "no request yet");
    }

    private static InitProducerIdResponse initAnswer(ErrorCode error, long id, int epoch) {
        return new InitProducerIdResponse().setErrorCode(error.code()).setProducerId(id).setProducerEpoch((short) epoch);
    }

    private static AddPartitionsToTxnResponse addPartitionsAnswer(ErrorCode error, TopicPartition... partitions) {
        List<AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult> results = new java.util.ArrayList<>();
        for (TopicPartition partition : partitions) {
            results.add(new AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult().setPartitionIndex(partition.partition())
                .setPartitionErrorCode(error.code()));
        }
        return new AddPartitionsToTxnResponse().setResultsByTopicV3AndBelow(List.of(
            new AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult().setName("t").setResultsByPartition(results)));
    }

    private static EndTxnResponse endAnswer(ErrorCode error) {
        return new EndTxnResponse().setErrorCode(error.code());
    }

    /** initTransactions up to READY with producer id 7, epoch 3. */
    private void initialized() {
        TransactionalRequestResult init = manager.initializeTransactions();
        assertEquals(TransactionState.INITIALIZING, manager.state());
        ScriptedTxnChannel.Sent sent = expect(ApiMessageType.INIT_PRODUCER_ID);
        sent.answer(initAnswer(ErrorCode.NONE, 7, 3));
        step();
        assertTrue(init.isSuccessful());
        manager.awaited(init);
        assertEquals(TransactionState.READY, manager.state());
    }

    /** A transaction with T0 added at the coordinator. */
    private void inTransactionWithT0() {
        initialized();
        manager.beginTransaction();
        manager.maybeAddPartition(T0);
        ScriptedTxnChannel.Sent add = expect(ApiMessageType.ADD_PARTITIONS_TO_TXN);
        add.answer(addPartitionsAnswer(ErrorCode.NONE, T0));
        step();
        assertTrue(manager.isSendToPartitionAllowed(T0));
    }

    @Test
    void initBeginSendCommitWalksEveryStateAndSendsKafkasRequests() {
        TransactionalRequestResult init = manager.initializeTransactions();
        ScriptedTxnChannel.Sent initSent = expect(ApiMessageType.INIT_PRODUCER_ID);
        assertSame(ScriptedTxnChannel.TRANSACTION_COORDINATOR, initSent.node());
        assertEquals(5, initSent.request().maxVersion(), "v6 is two-phase commit");
        InitProducerIdRequest initBody = initSent.body(InitProducerIdRequest.class);
        assertEquals("txn-a", initBody.transactionalId());
        assertEquals(30_000, initBody.transactionTimeoutMs());
        assertEquals(-1, initBody.producerId());
        initSent.answer(initAnswer(ErrorCode.NONE, 7, 3));
        step();
        assertTrue(init.isSuccessful());
        manager.awaited(init);
        assertEquals(TransactionState.READY, manager.state());
        assertEquals(7, idempotence.producerId());
        assertEquals(3, idempotence.producerEpoch());

        manager.beginTransaction();
        assertEquals(TransactionState.IN_TRANSACTION, manager.state());
        manager.maybeAddPartition(T0);
        manager.maybeAddPartition(T1);
        assertFalse(manager.isSendToPartitionAllowed(T0), "held back until the coordinator has the partition");
        ScriptedTxnChannel.Sent add = expect(ApiMessageType.ADD_PARTITIONS_TO_TXN);
        assertEquals(3, add.request().maxVersion(), "v4+ is the brokers' form");
        AddPartitionsToTxnRequest addBody = add.body(AddPartitionsToTxnRequest.class);
        assertEquals("txn-a", addBody.v3AndBelowTransactionalId());
        assertEquals(7, addBody.v3AndBelowProducerId());
        assertEquals(3, addBody.v3AndBelowProducerEpoch());
        assertEquals(List.of(0, 1), addBody.v3AndBelowTopics().get(0).partitions());
        add.answer(addPartitionsAnswer(ErrorCode.NONE, T0, T1));
        step();
        assertTrue(manager.isSendToPartitionAllowed(T0));
        assertTrue(manager.isSendToPartitionAllowed(T1));
        manager.maybeAddPartition(T0);
        expectNothingSent();

        TransactionalRequestResult commit = manager.beginCommit();
        assertEquals(TransactionState.COMMITTING_TRANSACTION, manager.state());
        step(true);
        assertEquals(2, channel.sent.size(), "EndTxn waits while batches are incomplete");
        ScriptedTxnChannel.Sent end = expect(ApiMessageType.END_TXN);
        assertEquals(4, end.request().maxVersion(), "v5 is transaction version 2");
        EndTxnRequest endBody = end.body(EndTxnRequest.class);
        assertTrue(endBody.committed());
        assertEquals(7, endBody.producerId());
        assertFalse(commit.isCompleted());
        end.answer(endAnswer(ErrorCode.NONE));
        step();
        assertTrue(commit.isSuccessful());
        assertEquals(TransactionState.READY, manager.state());
        assertFalse(manager.isSendToPartitionAllowed(T0), "a new transaction adds its partitions again");
    }

    @Test
    void anEmptyTransactionCommitsAndAbortsWithoutARequest() {
        initialized();
        manager.beginTransaction();
        TransactionalRequestResult commit = manager.beginCommit();
        step();
        assertTrue(commit.isSuccessful());
        manager.awaited(commit);
        manager.beginTransaction();
        TransactionalRequestResult abort = manager.beginAbort();
        step();
        assertTrue(abort.isSuccessful());
        assertEquals(1, channel.sent.size(), "only InitProducerId");
        assertEquals(TransactionState.READY, manager.state());
    }

    @Test
    void abortDropsUnsentBatchesAndEndsWithAbort() {
        inTransactionWithT0();
        manager.maybeAddPartition(T1);
        assertNull(manager.undrainedBatchFailure());
        TransactionalRequestResult abort = manager.beginAbort();
        assertEquals(TransactionState.ABORTING_TRANSACTION, manager.state());
        assertInstanceOf(TransactionAbortedException.class, manager.undrainedBatchFailure());
        assertFalse(manager.isSendToPartitionAllowed(T0));
        assertThrows(IllegalStateException.class, () -> manager.maybeAddPartition(T0));
        step(true);
        assertEquals(2, channel.sent.size(), "no AddPartitionsToTxn for T1, and EndTxn waits for batches in flight");
        ScriptedTxnChannel.Sent end = expect(ApiMessageType.END_TXN);
        assertFalse(end.body(EndTxnRequest.class).committed());
        end.answer(endAnswer(ErrorCode.NONE));
        step();
        assertTrue(abort.isSuccessful());
        assertEquals(TransactionState.READY, manager.state());
        assertEquals(3, idempotence.producerEpoch(), "no bump without broken sequences");
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"COORDINATOR_NOT_AVAILABLE", "NOT_COORDINATOR", "COORDINATOR_LOAD_IN_PROGRESS"})
    void coordinatorErrorsAreRetriedAfterTheBackoff(ErrorCode error) {
        manager.initializeTransactions();
        expect(ApiMessageType.INIT_PRODUCER_ID).answer(initAnswer(error, -1, -1));
        expectNothingSent();
        time.advance(BACKOFF_MS - 1);
        expectNothingSent();
        time.advance(1);
        ScriptedTxnChannel.Sent retried = expect(ApiMessageType.INIT_PRODUCER_ID);
        boolean moved = error != ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
        assertEquals(moved ? 1 : 0, channel.invalidations.getOrDefault(CoordinatorType.TRANSACTION, 0),
            "a moved coordinator is looked up again");
        retried.answer(initAnswer(ErrorCode.NONE, 7, 0));
        step();
        assertEquals(TransactionState.READY, manager.state());
    }

    @Test
    void concurrentTransactionsIsRetriedWithAShortBackoff() {
        inTransactionWithT0();
        TransactionalRequestResult commit = manager.beginCommit();
        expect(ApiMessageType.END_TXN).answer(endAnswer(ErrorCode.CONCURRENT_TRANSACTIONS));
        expectNothingSent();
        time.advance(TxnRequestHandler.CONCURRENT_TRANSACTIONS_BACKOFF_MS - 1);
        expectNothingSent();
        time.advance(1);
        expect(ApiMessageType.END_TXN).answer(endAnswer(ErrorCode.NONE));
        step();
        assertTrue(commit.isSuccessful());
    }

    @Test
    void aFailedCoordinatorLookupOrADisconnectIsRetried() {
        channel.failLookups(1);
        manager.initializeTransactions();
        expectNothingSent();
        time.advance(BACKOFF_MS);
        ScriptedTxnChannel.Sent sent = expect(ApiMessageType.INIT_PRODUCER_ID);
        sent.response().completeExceptionally(new io.samsa.client.errors.NetworkException("disconnected"));
        expectNothingSent();
        time.advance(BACKOFF_MS);
        expect(ApiMessageType.INIT_PRODUCER_ID).answer(initAnswer(ErrorCode.NONE, 7, 0));
        step();
        assertEquals(TransactionState.READY, manager.state());
        assertEquals(3, channel.lookups.get(CoordinatorType.TRANSACTION));
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"PRODUCER_FENCED", "INVALID_PRODUCER_EPOCH"})
    void fencingIsFatalAndEveryLaterCallThrowsIt(ErrorCode error) {
        inTransactionWithT0();
        TransactionalRequestResult commit = manager.beginCommit();
        expect(ApiMessageType.END_TXN).answer(endAnswer(error));
        step();
        assertEquals(TransactionState.FATAL_ERROR, manager.state());
        assertTrue(commit.isCompleted() && !commit.isSuccessful());
        assertThrows(ProducerFencedException.class, () -> commit.await(time, 1_000));
        manager.awaited(commit);
        assertThrows(ProducerFencedException.class, manager::beginTransaction);
        assertThrows(ProducerFencedException.class, manager::beginAbort);
        assertThrows(ProducerFencedException.class, manager::beginCommit);
        assertThrows(ProducerFencedException.class, () -> manager.maybeAddPartition(T0));
        assertThrows(ProducerFencedException.class, manager::initializeTransactions);
        assertInstanceOf(ProducerFencedException.class, manager.undrainedBatchFailure());
        assertFalse(manager.hasPendingWork());
    }

    @Test
    void aFencedProduceIsFatal() {
        inTransactionWithT0();
        manager.onBatchFailed(new InvalidProducerEpochException("old epoch"));
        assertEquals(TransactionState.FATAL_ERROR, manager.state());
        assertInstanceOf(ProducerFencedException.class, manager.lastError());
    }

    @Test
    void transactionalIdAuthorizationFailureIsFatal() {
        TransactionalRequestResult init = manager.initializeTransactions();
        expect(ApiMessageType.INIT_PRODUCER_ID).answer(initAnswer(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, -1, -1));
        step();
        assertEquals(TransactionState.FATAL_ERROR, manager.state());
        assertThrows(TransactionalIdAuthorizationException.class, () -> init.await(time, 1_000));
        manager.awaited(init);
        assertThrows(TransactionalIdAuthorizationException.class, manager::beginTransaction);
    }

    @Test
    void aFailedBatchIsAbortableAndTheAbortBumpsTheEpoch() {
        inTransactionWithT0();
        // a sequenced batch failing for good leaves a gap: the idempotence state asks for a bump
        idempotence.requestEpochBump();
        manager.onBatchFailed(new TimeoutException("Expiring 1 record(s)"));
        assertEquals(TransactionState.ABORTABLE_ERROR, manager.state());
        assertInstanceOf(TimeoutException.class, manager.undrainedBatchFailure());
        KafkaException commitError = assertThrows(KafkaException.class, manager::beginCommit);
        assertInstanceOf(TimeoutException.class, commitError.getCause());
        assertThrows(KafkaException.class, manager::beginTransaction);
        assertThrows(KafkaException.class, () -> manager.maybeAddPartition(T1));

        TransactionalRequestResult abort = manager.beginAbort();
        expect(ApiMessageType.END_TXN).answer(endAnswer(ErrorCode.NONE));
        ScriptedTxnChannel.Sent bump = expect(ApiMessageType.INIT_PRODUCER_ID);
        assertEquals(TransactionState.INITIALIZING, manager.state());
        assertFalse(abort.isCompleted(), "the abort completes with the bump");
        InitProducerIdRequest bumpBody = bump.body(InitProducerIdRequest.class);
        assertEquals(7, bumpBody.producerId(), "KIP-360: the current id and epoch");
        assertEquals(3, bumpBody.producerEpoch());
        assertEquals(-1, ((InitProducerIdRequest) bump.request().builder().apply(2)).producerId(), "v2 cannot bump");
        bump.answer(initAnswer(ErrorCode.NONE, 7, 4));
        step();
        assertTrue(abort.isSuccessful());
        assertEquals(TransactionState.READY, manager.state());
        assertEquals(4, idempotence.producerEpoch());
        assertTrue(idempotence.hasProducerId());
        manager.awaited(abort);
        manager.beginTransaction();
        assertEquals(TransactionState.IN_TRANSACTION, manager.state());
    }

    @Test
    void anAbortableErrorDuringTheCommitFailsTheCommit() {
        inTransactionWithT0();
        TransactionalRequestResult commit = manager.beginCommit();
        step(true);
        manager.onBatchFailed(new TopicAuthorizationException("t"));
        step(false);
        assertTrue(commit.isCompleted() && !commit.isSuccessful());
        KafkaException error = assertThrows(KafkaException.class, () -> commit.await(time, 1_000));
        assertInstanceOf(TopicAuthorizationException.class, error.getCause());
        manager.awaited(commit);
        assertEquals(TransactionState.ABORTABLE_ERROR, manager.state());
        TransactionalRequestResult abort = manager.beginAbort();
        expect(ApiMessageType.END_TXN).answer(endAnswer(ErrorCode.NONE));
        step();
        assertTrue(abort.isSuccessful());
    }

    @Test
    void aTopicAuthorizationErrorOnAddPartitionsIsAbortable() {
        initialized();
        manager.beginTransaction();
        manager.maybeAddPartition(T0);
        expect(ApiMessageType.ADD_PARTITIONS_TO_TXN).answer(addPartitionsAnswer(ErrorCode.TOPIC_AUTHORIZATION_FAILED, T0));
        step();
        assertEquals(TransactionState.ABORTABLE_ERROR, manager.state());
        assertInstanceOf(TopicAuthorizationException.class, manager.lastError());
        assertFalse(manager.isSendToPartitionAllowed(T0));
    }

    @Test
    void sendOffsetsAddsTheGroupThenCommitsToTheGroupCoordinator() {
        inTransactionWithT0();
        ConsumerGroupMetadata group = new ConsumerGroupMetadata("g", 5, "member-1", Optional.of("instance-1"));
        TransactionalRequestResult offsets = manager.sendOffsetsToTransaction(
            Map.of(T1, new OffsetAndMetadata(42, Optional.of(2), "meta")), group);
        ScriptedTxnChannel.Sent add = expect(ApiMessageType.ADD_OFFSETS_TO_TXN);
        assertSame(ScriptedTxnChannel.TRANSACTION_COORDINATOR, add.node());
        AddOffsetsToTxnRequest addBody = add.body(AddOffsetsToTxnRequest.class);
        assertEquals("g", addBody.groupId());
        assertEquals(7, addBody.producerId());
        add.answer(new AddOffsetsToTxnResponse());
        ScriptedTxnChannel.Sent commit = expect(ApiMessageType.TXN_OFFSET_COMMIT);
        assertSame(ScriptedTxnChannel.GROUP_COORDINATOR, commit.node());
        assertEquals(4, commit.request().maxVersion(), "v5 is transaction version 2");
        TxnOffsetCommitRequest body = commit.body(TxnOffsetCommitRequest.class);
        assertEquals("txn-a", body.transactionalId());
        assertEquals("member-1", body.memberId());
        assertEquals(5, body.generationId());
        assertEquals("instance-1", body.groupInstanceId());
        TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition partition = body.topics().get(0).partitions().get(0);
        assertEquals(42, partition.committedOffset());
        assertEquals(2, partition.committedLeaderEpoch());
        assertEquals("meta", partition.committedMetadata());
        assertFalse(offsets.isCompleted());
        commit.answer(txnOffsetCommitAnswer(ErrorCode.NONE));
        step();
        assertTrue(offsets.isSuccessful());
    }

    private static TxnOffsetCommitResponse txnOffsetCommitAnswer(ErrorCode error) {
        return new TxnOffsetCommitResponse().setTopics(List.of(new TxnOffsetCommitResponse.TxnOffsetCommitResponseTopic().setName("t")
            .setPartitions(List.of(new TxnOffsetCommitResponse.TxnOffsetCommitResponsePartition().setPartitionIndex(1)
                .setErrorCode(error.code())))));
    }

    @Test
    void aFencedGroupMemberMakesTheTransactionAbortable() {
        inTransactionWithT0();
        TransactionalRequestResult offsets = manager.sendOffsetsToTransaction(Map.of(T1, new OffsetAndMetadata(1)),
            new ConsumerGroupMetadata("g", 5, "member-1", Optional.empty()));
        expect(ApiMessageType.ADD_OFFSETS_TO_TXN).answer(new AddOffsetsToTxnResponse());
        expect(ApiMessageType.TXN_OFFSET_COMMIT).answer(txnOffsetCommitAnswer(ErrorCode.UNKNOWN_MEMBER_ID));
        step();
        assertThrows(UnknownMemberIdException.class, () -> offsets.await(time, 1_000));
        assertEquals(TransactionState.ABORTABLE_ERROR, manager.state());
    }

    @Test
    void illegalCallsThrowIllegalStateException() {
        assertThrows(IllegalStateException.class, manager::beginTransaction, "begin before init");
        assertThrows(IllegalStateException.class, () -> manager.maybeAddPartition(T0), "send before init");
        initialized();
        assertThrows(IllegalStateException.class, manager::initializeTransactions, "init twice");
        assertThrows(IllegalStateException.class, () -> manager.maybeAddPartition(T0), "send outside a transaction");
        assertThrows(IllegalStateException.class, manager::beginCommit, "commit without begin");
        assertThrows(IllegalStateException.class, manager::beginAbort, "abort without begin");
        assertThrows(IllegalStateException.class, () -> manager.sendOffsetsToTransaction(Map.of(T0, new OffsetAndMetadata(1)),
            new ConsumerGroupMetadata("g")), "offsets outside a transaction");
        manager.beginTransaction();
        assertThrows(IllegalStateException.class, manager::beginTransaction, "begin twice");
        assertEquals(TransactionState.IN_TRANSACTION, manager.state());
    }

    @Test
    void aTimedOutCommitIsResumedByTheNextCall() {
        inTransactionWithT0();
        TransactionalRequestResult commit = manager.beginCommit();
        ScriptedTxnChannel.Sent end = expect(ApiMessageType.END_TXN);
        TimeoutException timeout = assertThrows(TimeoutException.class, () -> commit.await(time, 0));
        assertTrue(timeout.getMessage().contains("EndTxn(true)"), timeout.getMessage());
        IllegalStateException other = assertThrows(IllegalStateException.class, manager::beginAbort);
        assertTrue(other.getMessage().contains("commitTransaction"), other.getMessage());
        TransactionalRequestResult resumed = manager.beginCommit();
        assertSame(commit, resumed, "the retried call waits on the same EndTxn");
        expectNothingSent();
        end.answer(endAnswer(ErrorCode.NONE));
        step();
        resumed.await(time, 0);
        manager.awaited(resumed);
        assertEquals(TransactionState.READY, manager.state());
        assertEquals(1, channel.sent.stream().filter(s -> s.type() == ApiMessageType.END_TXN).count(),
            "one EndTxn for the commit and its retried call");
    }

    @Test
    void awaitTimesOutByTheInjectedClock() throws Exception {
        TransactionalRequestResult init = manager.initializeTransactions();
        java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                init.await(time, 60_000);
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(e);
            }
        });
        waiter.start();
        io.samsa.protocol.testing.Await.until(java.time.Duration.ofSeconds(10), "the caller waits",
            () -> waiter.getState() == Thread.State.TIMED_WAITING);
        assertFalse(outcome.isDone());
        time.advance(60_000);
        assertInstanceOf(TimeoutException.class, outcome.get(10, java.util.concurrent.TimeUnit.SECONDS));
        waiter.join();
        assertSame(init, manager.initializeTransactions(), "initTransactions resumes");
    }

    @Test
    void closingAbortsAnOpenTransaction() {
        inTransactionWithT0();
        manager.abortOpenTransactionOnClose();
        assertTrue(manager.hasPendingWork());
        expect(ApiMessageType.END_TXN).answer(endAnswer(ErrorCode.NONE));
        step();
        assertFalse(manager.hasPendingWork());
        assertEquals(TransactionState.READY, manager.state());
    }
}
