package io.samsa.coordinator.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.protocol.ErrorCode;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each state rebuilt by replaying {@code __transaction_state}, and what a loaded coordinator finishes. */
class TransactionReplayTest {
    private static final String ID = "replayed";
    private static final TopicPartition T0 = new TopicPartition("t", 0);

    private static TransactionMetadata in(TransactionState state, Set<TopicPartition> partitions) {
        return new TransactionMetadata(ID, 500, -1, -1, (short) 3, (short) -1, 20_000, state, partitions,
                state == TransactionState.EMPTY ? -1 : 1_000, 1_000, (short) 0);
    }

    @ParameterizedTest
    @EnumSource(value = TransactionState.class, names = {"EMPTY", "ONGOING", "PREPARE_COMMIT", "PREPARE_ABORT", "COMPLETE_COMMIT",
            "COMPLETE_ABORT"})
    void everyStateIsRebuiltByReplay(TransactionState state) {
        Set<TopicPartition> partitions = state == TransactionState.ONGOING || state.isPrepare() ? Set.of(T0) : Set.of();
        try (TransactionCoordinatorTestContext ctx = new TransactionCoordinatorTestContext()) {
            ctx.seed(in(state, partitions)).loadAll();
            DescribedTransaction described = ctx.describe(ID);
            assertEquals(ErrorCode.NONE, described.error());
            assertEquals(state.displayName(), described.state());
            assertEquals(500, described.producerId());
            assertEquals(3, described.producerEpoch());
            assertEquals(20_000, described.timeoutMs());
            assertEquals(partitions, described.partitions());
        }
    }

    @Test
    void theNewestRecordOfAnIdWinsAndATombstoneRemovesIt() {
        try (TransactionCoordinatorTestContext ctx = new TransactionCoordinatorTestContext()) {
            ctx.seed(in(TransactionState.ONGOING, Set.of(T0)), in(TransactionState.COMPLETE_COMMIT, Set.of())).loadAll();
            assertEquals("CompleteCommit", ctx.describe(ID).state());
        }
        try (TransactionCoordinatorTestContext ctx = new TransactionCoordinatorTestContext()) {
            ctx.seed(in(TransactionState.EMPTY, Set.of()));
            ctx.log.seed(ctx.service.partitionFor(ID), java.util.List.of(TransactionLogCodec.INSTANCE.serialize(TransactionRecord.tombstone(ID))));
            ctx.loadAll();
            assertEquals(ErrorCode.TRANSACTIONAL_ID_NOT_FOUND, ctx.describe(ID).error());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TransactionState.class, names = {"PREPARE_COMMIT", "PREPARE_ABORT"})
    void aLoadedCoordinatorResendsTheMarkersOfADecidedTransactionAndCompletesIt(TransactionState state) {
        try (TransactionCoordinatorTestContext ctx = new TransactionCoordinatorTestContext()) {
            ctx.seed(in(state, Set.of(T0))).loadAll();
            assertEquals(1, ctx.sent.size());
            TransactionMarkers markers = ctx.sent.get(0).markers();
            assertEquals(state == TransactionState.PREPARE_COMMIT, markers.commit());
            assertEquals(Set.of(T0), markers.partitions());
            assertEquals(3, markers.producerEpoch());
            ctx.writeMarkers();
            assertEquals(state == TransactionState.PREPARE_COMMIT ? "CompleteCommit" : "CompleteAbort", ctx.describe(ID).state());
        }
    }

    @Test
    void aTransactionLeftOpenByACrashIsAbortedOnItsTimeoutAfterLoad() {
        try (TransactionCoordinatorTestContext ctx = new TransactionCoordinatorTestContext()) {
            ctx.time.advance(1_000);
            ctx.seed(in(TransactionState.ONGOING, Set.of(T0))).loadAll();
            assertTrue(ctx.sent.isEmpty());
            ctx.sleep(25_000);
            assertEquals("PrepareAbort", ctx.describe(ID).state());
            assertEquals(4, ctx.describe(ID).producerEpoch());
            assertFalse(ctx.sent.get(0).markers().commit());
        }
    }

    @Test
    void aSecondSendOfTheSameMarkersCompletesNothingMore() {
        try (TransactionCoordinatorTestContext ctx = new TransactionCoordinatorTestContext()) {
            ctx.seed(in(TransactionState.PREPARE_ABORT, Set.of(T0))).loadAll();
            int partition = ctx.service.partitionFor(ID);
            ctx.await(ctx.service.onElection(partition, 5)); // a newer leadership replays and resends
            assertEquals(2, ctx.sent.size());
            ctx.writeMarkers();
            assertEquals("CompleteAbort", ctx.describe(ID).state());
            assertEquals(2, ctx.log.records(partition).size(), "the seeded record and one CompleteAbort");
        }
    }
}
