package io.samsa.coordinator.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.protocol.ErrorCode;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every state and transition of a transactional id, on a manual clock. */
class TransactionStateMachineTest {
    private static final String ID = "txn-a";
    private static final int TIMEOUT = 30_000;
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);

    private final TransactionCoordinatorTestContext ctx = new TransactionCoordinatorTestContext().loadAll();

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void aNewIdGetsAFreshProducerIdAtEpochZeroAndIsEmpty() {
        InitProducerIdResult result = ctx.init(ID, TIMEOUT);
        assertEquals(ErrorCode.NONE, result.error());
        assertEquals(1000, result.producerId());
        assertEquals(0, result.producerEpoch());
        DescribedTransaction described = ctx.describe(ID);
        assertEquals("Empty", described.state());
        assertEquals(TIMEOUT, described.timeoutMs());
        assertEquals(-1, described.startTimeMs());
    }

    @Test
    void timeoutsOutsideOneToTheMaximumAreRefused() {
        assertEquals(ErrorCode.INVALID_TRANSACTION_TIMEOUT, ctx.init(ID, 0).error());
        assertEquals(ErrorCode.INVALID_TRANSACTION_TIMEOUT, ctx.init(ID, ctx.config.maxTimeoutMs() + 1).error());
        assertEquals(ErrorCode.NONE, ctx.init(ID, ctx.config.maxTimeoutMs()).error());
    }

    @Test
    void anEmptyTransactionalIdIsAnInvalidRequest() {
        assertEquals(ErrorCode.INVALID_REQUEST, ctx.init("", TIMEOUT).error());
    }

    @Test
    void initialisingAgainBumpsTheEpochAndFencesTheOldIncarnation() {
        InitProducerIdResult first = ctx.init(ID, TIMEOUT);
        InitProducerIdResult second = ctx.init(ID, TIMEOUT);
        assertEquals(first.producerId(), second.producerId());
        assertEquals(1, second.producerEpoch());
        assertEquals(ErrorCode.PRODUCER_FENCED, ctx.add(ID, first, T0));
        assertEquals(ErrorCode.PRODUCER_FENCED, ctx.end(ID, first, true));
        assertEquals(ErrorCode.NONE, ctx.add(ID, second, T0));
    }

    @Test
    void requestsForAnUnknownIdOrAnotherProducerIdAreInvalidMappings() {
        InitProducerIdResult producer = ctx.init(ID, TIMEOUT);
        InitProducerIdResult stranger = new InitProducerIdResult(ErrorCode.NONE, producer.producerId() + 1, producer.producerEpoch());
        assertEquals(ErrorCode.INVALID_PRODUCER_ID_MAPPING, ctx.add("unknown", producer, T0));
        assertEquals(ErrorCode.INVALID_PRODUCER_ID_MAPPING, ctx.add(ID, stranger, T0));
        assertEquals(ErrorCode.INVALID_PRODUCER_ID_MAPPING, ctx.end(ID, stranger, true));
    }

    @Test
    void addingPartitionsStartsTheTransactionAndItsClock() {
        InitProducerIdResult producer = ctx.init(ID, TIMEOUT);
        long start = ctx.time.milliseconds();
        assertEquals(ErrorCode.NONE, ctx.add(ID, producer, T0));
        ctx.time.advance(50);
        assertEquals(ErrorCode.NONE, ctx.add(ID, producer, T1));
        int recordsBefore = ctx.log.records(ctx.service.partitionFor(ID)).size();
        assertEquals(ErrorCode.NONE, ctx.add(ID, producer, T0, T1));
        assertEquals(recordsBefore, ctx.log.records(ctx.service.partitionFor(ID)).size(), "nothing new to write");
        DescribedTransaction described = ctx.describe(ID);
        assertEquals("Ongoing", described.state());
        assertEquals(start, described.startTimeMs());
        assertEquals(Set.of(T0, T1), described.partitions());
    }

    @Test
    void commitGoesThroughPrepareCommitAndCompletesOnceEveryMarkerIsWritten() {
        InitProducerIdResult producer = ctx.init(ID, TIMEOUT);
        ctx.add(ID, producer, T0, T1);
        assertEquals(ErrorCode.NONE, ctx.end(ID, producer, true));
        assertEquals("PrepareCommit", ctx.describe(ID).state());
        assertEquals(1, ctx.sent.size());
        TransactionMarkers markers = ctx.sent.get(0).markers();
        assertTrue(markers.commit());
        assertEquals(Set.of(T0, T1), markers.partitions());
        assertEquals(producer.producerId(), markers.producerId());
        assertEquals(producer.producerEpoch(), markers.producerEpoch());

        assertEquals(ErrorCode.CONCURRENT_TRANSACTIONS, ctx.add(ID, producer, T0), "markers pending");
        assertEquals(ErrorCode.CONCURRENT_TRANSACTIONS, ctx.end(ID, producer, true), "a retried commit while writing markers");
        assertEquals(ErrorCode.INVALID_TXN_STATE, ctx.end(ID, producer, false), "abort after commit was decided");
        assertEquals(ErrorCode.CONCURRENT_TRANSACTIONS, ctx.init(ID, TIMEOUT).error());

        ctx.writeMarkers();
        DescribedTransaction done = ctx.describe(ID);
        assertEquals("CompleteCommit", done.state());
        assertEquals(Set.of(), done.partitions());
        assertEquals(ErrorCode.NONE, ctx.end(ID, producer, true), "a retried commit after it completed");
        assertEquals(ErrorCode.INVALID_TXN_STATE, ctx.end(ID, producer, false));
        assertEquals(ErrorCode.NONE, ctx.add(ID, producer, T1), "the next transaction");
        assertEquals("Ongoing", ctx.describe(ID).state());
    }

    @Test
    void abortGoesThroughPrepareAbortToCompleteAbort() {
        InitProducerIdResult producer = ctx.init(ID, TIMEOUT);
        ctx.add(ID, producer, T0);
        assertEquals(ErrorCode.NONE, ctx.end(ID, producer, false));
        assertEquals("PrepareAbort", ctx.describe(ID).state());
        assertFalse(ctx.sent.get(0).markers().commit());
        assertEquals(ErrorCode.INVALID_TXN_STATE, ctx.end(ID, producer, true));
        assertEquals(ErrorCode.CONCURRENT_TRANSACTIONS, ctx.end(ID, producer, false));
        ctx.writeMarkers();
        assertEquals("CompleteAbort", ctx.describe(ID).state());
        assertEquals(ErrorCode.NONE, ctx.end(ID, producer, false));
        assertEquals(ErrorCode.INVALID_TXN_STATE, ctx.end(ID, producer, true));
    }

    @Test
    void endingWithNoTransactionOpenIsAnInvalidState() {
        InitProducerIdResult producer = ctx.init(ID, TIMEOUT);
        assertEquals(ErrorCode.INVALID_TXN_STATE, ctx.end(ID, producer, true));
        assertEquals(ErrorCode.INVALID_TXN_STATE, ctx.end(ID, producer, false));
    }

    @Test
    void initialisingDuringAnOpenTransactionFencesAndAbortsItFirst() {
        InitProducerIdResult zombie = ctx.init(ID, TIMEOUT);
        ctx.add(ID, zombie, T0);
        assertEquals(ErrorCode.CONCURRENT_TRANSACTIONS, ctx.init(ID, TIMEOUT).error());
        DescribedTransaction aborting = ctx.describe(ID);
        assertEquals("PrepareAbort", aborting.state());
        assertEquals(zombie.producerEpoch() + 1, aborting.producerEpoch());
        TransactionMarkers markers = ctx.sent.get(0).markers();
        assertFalse(markers.commit());
        assertEquals(zombie.producerEpoch() + 1, markers.producerEpoch(), "abort markers carry the fencing epoch");
        assertEquals(ErrorCode.PRODUCER_FENCED, ctx.end(ID, zombie, true));

        ctx.writeMarkers();
        InitProducerIdResult successor = ctx.init(ID, TIMEOUT);
        assertEquals(ErrorCode.NONE, successor.error());
        assertEquals(zombie.producerEpoch() + 2, successor.producerEpoch());
        assertEquals("Empty", ctx.describe(ID).state());
    }

    @Test
    void aTransactionOpenPastItsTimeoutIsAbortedWithAnEpochBump() {
        InitProducerIdResult producer = ctx.init(ID, 5_000);
        ctx.add(ID, producer, T0);
        ctx.sleep(4_000);
        assertEquals("Ongoing", ctx.describe(ID).state(), "within its timeout");
        ctx.sleep(2_000);
        DescribedTransaction aborted = ctx.describe(ID);
        assertEquals("PrepareAbort", aborted.state());
        assertEquals(producer.producerEpoch() + 1, aborted.producerEpoch());
        assertEquals(1, ctx.sent.size());
        assertFalse(ctx.sent.get(0).markers().commit());
        ctx.writeMarkers();
        assertEquals("CompleteAbort", ctx.describe(ID).state());
        assertEquals(ErrorCode.PRODUCER_FENCED, ctx.end(ID, producer, true), "the producer that left it open is fenced");
        assertEquals(ErrorCode.PRODUCER_FENCED, ctx.add(ID, producer, T0));
    }

    @Test
    void kip360BumpWithTheCurrentEpochSucceedsAndARetryGetsTheSameAnswer() {
        InitProducerIdResult producer = ctx.init(ID, TIMEOUT);
        ctx.add(ID, producer, T0);
        ctx.end(ID, producer, false);
        ctx.writeMarkers();
        InitProducerIdResult bumped = ctx.init(ID, TIMEOUT, producer.producerId(), producer.producerEpoch());
        assertEquals(ErrorCode.NONE, bumped.error());
        assertEquals(producer.producerEpoch() + 1, bumped.producerEpoch());
        InitProducerIdResult retried = ctx.init(ID, TIMEOUT, producer.producerId(), producer.producerEpoch());
        assertEquals(bumped, retried, "a retry of the bump whose answer was lost");
        assertEquals(ErrorCode.PRODUCER_FENCED, ctx.init(ID, TIMEOUT, producer.producerId(), (short) 7).error());
        assertEquals(ErrorCode.PRODUCER_FENCED, ctx.init(ID, TIMEOUT, 4242, (short) 0).error());
    }

    @Test
    void anExhaustedEpochMovesToANewProducerId() {
        TransactionMetadata exhausted = TransactionMetadata.fresh(ID, 77, TIMEOUT, 0)
                .withProducer(77, -1, (short) (Short.MAX_VALUE - 1), (short) -1);
        try (TransactionCoordinatorTestContext seeded = new TransactionCoordinatorTestContext()) {
            seeded.seed(exhausted).loadAll();
            InitProducerIdResult result = seeded.init(ID, TIMEOUT);
            assertEquals(ErrorCode.NONE, result.error());
            assertNotEquals(77, result.producerId());
            assertEquals(0, result.producerEpoch());
            InitProducerIdResult retried = seeded.init(ID, TIMEOUT, 77, (short) (Short.MAX_VALUE - 1));
            assertEquals(result, retried, "a retry naming the old producer id gets the new one");
        }
    }

    @Test
    void anIdleIdExpiresAfterTheExpirationTime() {
        InitProducerIdResult producer = ctx.init(ID, TIMEOUT);
        ctx.add(ID, producer, T0);
        ctx.end(ID, producer, true);
        ctx.writeMarkers();
        ctx.sleep(ctx.config.idExpirationMs() / 2);
        assertEquals(ErrorCode.NONE, ctx.describe(ID).error());
        ctx.sleep(ctx.config.idExpirationMs());
        assertEquals(ErrorCode.TRANSACTIONAL_ID_NOT_FOUND, ctx.describe(ID).error());
        InitProducerIdResult again = ctx.init(ID, TIMEOUT);
        assertEquals(0, again.producerEpoch(), "an expired id starts afresh");
        assertNotEquals(producer.producerId(), again.producerId());
    }

    @Test
    void anOpenTransactionDoesNotExpire() {
        TransactionCoordinatorConfig longTimeouts = new TransactionCoordinatorConfig(4, 3, 900_000, 1_000, 100_000, 500, 1_048_588,
                5_000, 1, 10);
        try (TransactionCoordinatorTestContext slow = new TransactionCoordinatorTestContext(longTimeouts).loadAll()) {
            InitProducerIdResult producer = slow.init(ID, 800_000);
            slow.add(ID, producer, T0);
            slow.sleep(5_000);
            assertEquals("Ongoing", slow.describe(ID).state());
        }
    }

    @Test
    void addOffsetsAddsTheGroupsOffsetsPartition() {
        InitProducerIdResult producer = ctx.init(ID, TIMEOUT);
        assertEquals(ErrorCode.NONE, ctx.await(ctx.service.addOffsets(ID, producer.producerId(), producer.producerEpoch(), "group-1")));
        int expected = io.samsa.coordinator.OffsetsTopicPartitioner.partitionFor("group-1", TransactionCoordinatorTestContext.OFFSETS_PARTITIONS);
        assertEquals(Set.of(new TopicPartition("__consumer_offsets", expected)), ctx.describe(ID).partitions());
    }

    @Test
    void verifyOnlyAnswersPerPartitionWithoutWriting() {
        InitProducerIdResult producer = ctx.init(ID, TIMEOUT);
        ctx.add(ID, producer, T0);
        var answer = ctx.await(ctx.service.verifyPartitions(ID, producer.producerId(), producer.producerEpoch(), Set.of(T0, T1)));
        assertEquals(ErrorCode.NONE, answer.get(T0));
        assertEquals(ErrorCode.INVALID_TXN_STATE, answer.get(T1));
        assertEquals(Set.of(T0), ctx.describe(ID).partitions());
    }

    @Test
    void listingFiltersByStateProducerIdDurationAndIdPattern() {
        InitProducerIdResult open = ctx.init(ID, TIMEOUT);
        ctx.add(ID, open, T0);
        InitProducerIdResult idle = ctx.init("txn-b", TIMEOUT);
        ctx.time.advance(500);
        java.util.function.Function<TransactionFilter, Set<String>> list = filter -> ctx.await(ctx.service.list(filter))
                .transactions().stream().map(ListedTransaction::transactionalId).collect(java.util.stream.Collectors.toSet());
        assertEquals(Set.of(ID, "txn-b"), list.apply(new TransactionFilter(Set.of(), Set.of(), -1, null)));
        assertEquals(Set.of(ID), list.apply(new TransactionFilter(Set.of(TransactionState.ONGOING), Set.of(), -1, null)));
        assertEquals(Set.of("txn-b"), list.apply(new TransactionFilter(Set.of(), Set.of(idle.producerId()), -1, null)));
        assertEquals(Set.of(ID), list.apply(new TransactionFilter(Set.of(TransactionState.ONGOING), Set.of(), 499, null)));
        assertEquals(Set.of(), list.apply(new TransactionFilter(Set.of(TransactionState.ONGOING), Set.of(), 500, null)));
        assertEquals(Set.of("txn-b"), list.apply(new TransactionFilter(Set.of(), Set.of(), -1, java.util.regex.Pattern.compile(".*-b"))));
    }

    @Test
    void anUnloadedPartitionAnswersNotCoordinator() {
        ctx.await(ctx.service.onResignation(ctx.service.partitionFor(ID)));
        assertEquals(ErrorCode.NOT_COORDINATOR, ctx.init(ID, TIMEOUT).error());
        assertEquals(ErrorCode.NOT_COORDINATOR, ctx.describe(ID).error());
    }
}
