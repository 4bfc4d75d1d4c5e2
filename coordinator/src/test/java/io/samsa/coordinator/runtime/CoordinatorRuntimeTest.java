package io.samsa.coordinator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorShard;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.offsets.CommittedOffset;
import io.samsa.coordinator.offsets.OffsetCommitRecords;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.records.SerializedRecord;
import io.samsa.coordinator.records.proto.GroupMetadataValue;
import io.samsa.coordinator.records.proto.RecordKey;
import io.samsa.coordinator.records.proto.RecordType;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CoordinatorRuntimeTest {
    private static final int P = 0;
    private static final TopicPartition TP = new TopicPartition("t", 0);

    private static CoordinatorWriteOperation<GroupCoordinatorShard, String> commit(long offset) {
        return (shard, now) -> CoordinatorResult.of(
                List.of(OffsetCommitRecords.newOffsetCommitRecord("g", "t", 0, CommittedOffset.of(offset, 0, "", now))),
                "committed " + offset);
    }

    private static Long committed(GroupCoordinatorTestContext ctx) {
        CommittedOffset offset = ctx.shard(P).offsets().offset("g", TP);
        return offset == null ? null : offset.offset();
    }

    private static ErrorCode errorOf(CompletableFuture<?> future) {
        assertTrue(future.isCompletedExceptionally(), "expected a failed future");
        CompletionException e = assertThrows(CompletionException.class, future::join);
        return CoordinatorException.errorOf(e);
    }

    @Test
    void theResponseIsSentOnlyAfterTheAppendSucceeded() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            ctx.log.holdAppends(true);

            CompletableFuture<String> response = ctx.write(P, commit(5));

            assertFalse(response.isDone(), "append not durable yet");
            assertEquals(5L, committed(ctx), "replayed at once so later operations build on it");
            assertTrue(ctx.log.records(P).isEmpty());

            ctx.releaseAppends();
            assertEquals("committed 5", response.join());
            assertEquals(1, ctx.log.records(P).size());
        }
    }

    @Test
    void anAppendDurableWhenItReturnsIsAnsweredWithinTheWriteEvent() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            List<ErrorCode> heard = new ArrayList<>();
            CompletableFuture<String> response = ctx.runtime.scheduleWrite(P, "commit",
                    (shard, now) -> commit(5).generate(shard, now).whenAppended(heard::add));
            assertEquals(1, ctx.executor.pendingCount());

            assertTrue(ctx.executor.runNext());
            assertTrue(response.isDone(), "answered by the write's own event");
            assertEquals("committed 5", response.join());
            assertEquals(List.of(ErrorCode.NONE), heard);
            assertEquals(0, ctx.executor.pendingCount(), "no completion event queued");
            assertEquals(1, ctx.log.records(P).size());

            CompletableFuture<Long> read = ctx.runtime.scheduleRead(P, "fetch", (shard, now) -> shard.offsets().offset("g", TP).offset());
            assertTrue(ctx.executor.runNext());
            assertEquals(5L, read.join(), "nothing in flight any more: a read is answered at once");
        }
    }

    @Test
    void anAppendFailedWhenItReturnsIsRevertedAndAnsweredWithinTheWriteEvent() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            ctx.write(P, commit(1)).join();
            ctx.log.failNextAppend(new IllegalStateException("disk gone"));
            CompletableFuture<String> response = ctx.runtime.scheduleWrite(P, "commit", commit(2));

            assertTrue(ctx.executor.runNext());
            assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, errorOf(response));
            assertEquals(1L, committed(ctx), "reverted in the same event");
            assertEquals(0, ctx.executor.pendingCount());
        }
    }

    @Test
    void anAppendStillPendingIsSettledByAnEventOfItsOwn() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            ctx.log.holdAppends(true);
            CompletableFuture<String> response = ctx.runtime.scheduleWrite(P, "commit", commit(5));
            assertTrue(ctx.executor.runNext());
            assertFalse(response.isDone());

            ctx.log.releaseAppends();
            assertFalse(response.isDone(), "the log's thread only queues the completion");
            assertEquals(1, ctx.executor.pendingCount());
            assertTrue(ctx.executor.runNext());
            assertEquals("committed 5", response.join());
        }
    }

    @Test
    void aFailedAppendRevertsThisAndEveryLaterWriteAndFailsTheirResponses() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            ctx.write(P, commit(1)).join();
            ctx.log.holdAppends(true);
            List<ErrorCode> heard = new ArrayList<>();
            CompletableFuture<String> second = ctx.write(P, (shard, now) -> commit(2).generate(shard, now)
                    .whenAppended(heard::add));
            CompletableFuture<String> third = ctx.write(P, commit(3));
            assertEquals(3L, committed(ctx));

            ctx.log.failHeldAppends(new IllegalStateException("disk gone"));
            ctx.executor.runAll();

            assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, errorOf(second));
            assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, errorOf(third));
            assertEquals(List.of(ErrorCode.COORDINATOR_NOT_AVAILABLE), heard);
            assertEquals(1L, committed(ctx), "state is back to the last durable write");
            assertEquals(1, ctx.log.records(P).size());

            ctx.log.holdAppends(false);
            assertEquals("committed 4", ctx.write(P, commit(4)).join(), "the partition keeps working");
            assertEquals(4L, committed(ctx));
        }
    }

    @Test
    void inMemoryRecordsAreReplayedNeverAppendedAndRevertedWithAFailingEarlierWrite() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            assertEquals("kept 1", ctx.write(P, inMemoryCommit(1)).join(), "nothing in flight: answered at once");
            assertEquals(1L, committed(ctx));
            assertTrue(ctx.log.records(P).isEmpty(), "never appended");

            ctx.log.holdAppends(true);
            CompletableFuture<String> written = ctx.write(P, commit(2));
            CompletableFuture<String> kept = ctx.write(P, inMemoryCommit(3));
            assertEquals(3L, committed(ctx), "replayed at once");
            assertFalse(kept.isDone(), "waits for the write in flight, as a read would");

            ctx.log.failHeldAppends(new IllegalStateException("disk gone"));
            ctx.executor.runAll();
            assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, errorOf(written));
            assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, errorOf(kept));
            assertEquals(1L, committed(ctx), "reverted with the write it was built on");
            assertTrue(ctx.log.records(P).isEmpty());
        }
    }

    private static CoordinatorWriteOperation<GroupCoordinatorShard, String> inMemoryCommit(long offset) {
        return (shard, now) -> CoordinatorResult.inMemory(
                List.of(OffsetCommitRecords.newOffsetCommitRecord("g", "t", 0, CommittedOffset.of(offset, 0, "", now))),
                "kept " + offset);
    }

    @Test
    void anAppendErrorCarryingAnErrorCodeKeepsIt() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            ctx.log.failNextAppend(new CoordinatorException(ErrorCode.NOT_COORDINATOR, "lost leadership"));
            assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(ctx.write(P, commit(9))));
            assertNull(committed(ctx));
        }
    }

    @Test
    void aDurableWriteSurvivesTheFailureOfALaterOne() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            ctx.log.holdAppends(true);
            CompletableFuture<String> first = ctx.write(P, commit(1));
            ctx.releaseAppends();
            CompletableFuture<String> second = ctx.write(P, commit(2));
            ctx.log.failHeldAppends(new IllegalStateException("boom"));
            ctx.executor.runAll();
            assertEquals("committed 1", first.join());
            assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, errorOf(second));
            assertEquals(1L, committed(ctx));
        }
    }

    @Test
    void anAppendNotDurableWithinTheCommitTimeoutFailsItsAnswersButKeepsItsState() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            ctx.log.holdAppends(true);
            CompletableFuture<String> write = ctx.write(P, commit(5));
            CompletableFuture<Long> read = ctx.read(P, (shard, now) -> shard.offsets().offset("g", TP).offset());

            ctx.sleep(ctx.config.offsetCommitTimeoutMs() - 1);
            assertFalse(write.isDone());
            ctx.sleep(1);
            assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, errorOf(write));
            assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, errorOf(read));
            assertEquals(5L, committed(ctx), "the append may still land, so the state stays");

            ctx.log.holdAppends(false);
            ctx.releaseAppends();
            assertEquals(1, ctx.log.records(P).size());
            assertEquals(5L, (long) ctx.await(ctx.read(P, (shard, now) -> shard.offsets().offset("g", TP).offset())));
            ctx.sleep(ctx.config.offsetCommitTimeoutMs());
            assertEquals("committed 6", ctx.await(ctx.write(P, commit(6))), "a durable write leaves no timeout behind");
        }
    }

    @Test
    void readsAndRecordlessWritesWaitForTheWritesInFlightWhenTheyRan() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            CompletableFuture<Long> immediate = ctx.read(P, (shard, now) -> 0L);
            assertEquals(0L, immediate.join(), "nothing in flight: answered at once");

            ctx.log.holdAppends(true);
            ctx.write(P, commit(7));
            CompletableFuture<Long> read = ctx.read(P, (shard, now) -> shard.offsets().offset("g", TP).offset());
            CompletableFuture<String> noRecords = ctx.write(P, (shard, now) -> CoordinatorResult.response("nothing to write"));
            assertFalse(read.isDone());
            assertFalse(noRecords.isDone());

            ctx.releaseAppends();
            assertEquals(7L, read.join());
            assertEquals("nothing to write", noRecords.join());

            ctx.write(P, commit(8));
            CompletableFuture<Long> doomed = ctx.read(P, (shard, now) -> shard.offsets().offset("g", TP).offset());
            ctx.log.failHeldAppends(new IllegalStateException("boom"));
            ctx.executor.runAll();
            assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, errorOf(doomed), "it saw state that was reverted");
        }
    }

    @Test
    void aPartitionStillLoadingAnswersLoadInProgress() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.seed(P, OffsetCommitRecords.newOffsetCommitRecord("g", "t", 0, CommittedOffset.of(3, 0, "", 1L)));
            ctx.log.holdLoads(true);
            CompletableFuture<Void> loaded = ctx.runtime.scheduleLoad(P);
            ctx.executor.runAll();

            assertEquals(CoordinatorPartitionState.LOADING, ctx.runtime.partitionState(P));
            assertEquals(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, errorOf(ctx.write(P, commit(4))));
            assertEquals(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, errorOf(ctx.read(P, (s, n) -> 1)));
            assertFalse(loaded.isDone());

            ctx.log.releaseLoad(P);
            ctx.executor.runAll();
            ctx.await(loaded);
            assertEquals(CoordinatorPartitionState.ACTIVE, ctx.runtime.partitionState(P));
            assertEquals(3L, committed(ctx));
            assertEquals("committed 4", ctx.write(P, commit(4)).join());
        }
    }

    @Test
    void partitionsNotOwnedAnswerNotCoordinator() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(ctx.write(7, commit(1))));
            ctx.load(P);
            ctx.log.holdAppends(true);
            CompletableFuture<String> inFlight = ctx.write(P, commit(1));

            CompletableFuture<Void> unloaded = ctx.runtime.scheduleUnload(P);
            ctx.executor.runAll();
            ctx.await(unloaded);

            assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(inFlight));
            assertNull(ctx.runtime.partitionState(P));
            assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(ctx.write(P, commit(2))));
            ctx.releaseAppends(); // a late completion for the unloaded partition is ignored
        }
    }

    @Test
    void aWriteOverTheSizeLimitIsRejectedBeforeReplay() {
        GroupCoordinatorConfig small = GroupCoordinatorConfig.fromProperties(Map.of(GroupCoordinatorConfig.MAX_WRITE_BYTES, "200"));
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext(small)) {
            ctx.load(P);
            CompletableFuture<String> big = ctx.write(P, (shard, now) -> CoordinatorResult.of(List.of(
                    OffsetCommitRecords.newOffsetCommitRecord("g", "t", 0, CommittedOffset.of(1, 0, "x".repeat(300), now))), "no"));
            assertEquals(ErrorCode.RECORD_LIST_TOO_LARGE, errorOf(big));
            assertNull(committed(ctx));
            assertTrue(ctx.log.records(P).isEmpty());
        }
    }

    @Test
    void aThrowingOperationFailsWithItsErrorAndChangesNothing() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            assertEquals(ErrorCode.UNKNOWN_SERVER_ERROR, errorOf(ctx.write(P, (shard, now) -> {
                throw new IllegalStateException("bug");
            })));
            assertEquals(ErrorCode.INVALID_GROUP_ID, errorOf(ctx.write(P, (shard, now) -> {
                throw new CoordinatorException(ErrorCode.INVALID_GROUP_ID, "empty");
            })));
            assertEquals("committed 1", ctx.write(P, commit(1)).join());
        }
    }

    @Test
    void aWriteWhoseReplayFailsIsUndoneAsAWhole() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            CoordinatorRecord unreplayable = new CoordinatorRecord(
                    RecordKey.newBuilder().setType(RecordType.GROUP_METADATA).setGroupId("g").build(),
                    GroupMetadataValue.getDefaultInstance()); // state UNSPECIFIED: replay rejects it
            CompletableFuture<String> write = ctx.write(P, (shard, now) -> CoordinatorResult.of(List.of(
                    OffsetCommitRecords.newOffsetCommitRecord("g", "t", 0, CommittedOffset.of(1, 0, "", now)),
                    unreplayable), "no"));
            assertEquals(ErrorCode.UNKNOWN_SERVER_ERROR, errorOf(write));
            assertNull(committed(ctx), "the first record's effect was reverted too");
            assertTrue(ctx.log.records(P).isEmpty());
        }
    }

    @Test
    void loadingSkipsUnknownRecordTypesAndFailsOnCorruptOnes() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            byte[] futureKey = RecordKey.newBuilder().setTypeValue(42).setGroupId("g").build().toByteArray();
            ctx.log.seed(P, List.of(new SerializedRecord(futureKey, new byte[] {1, 2, 3})));
            ctx.seed(P, OffsetCommitRecords.newOffsetCommitRecord("g", "t", 0, CommittedOffset.of(3, 0, "", 1L)));
            ctx.load(P);
            assertEquals(3L, committed(ctx));

            ctx.log.seed(1, List.of(new SerializedRecord(new byte[] {(byte) 0xff, (byte) 0xff}, null)));
            CompletableFuture<Void> loaded = ctx.runtime.scheduleLoad(1);
            ctx.executor.runAll();
            assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(loaded));
            assertEquals(CoordinatorPartitionState.FAILED, ctx.runtime.partitionState(1));
            assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(ctx.write(1, commit(1))));
        }
    }

    @Test
    void loadingAnActivePartitionAgainIsANoOp() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            GroupCoordinatorShard shard = ctx.shard(P);
            ctx.write(P, commit(1)).join();
            ctx.load(P);
            assertEquals(shard, ctx.shard(P));
            assertEquals(1L, committed(ctx));
        }
    }

    @Test
    void aNewerLeaderEpochReloadsFromTheLogAndAStaleOneIsIgnored() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.await(ctx.runtime.scheduleLoad(P, 3));
            GroupCoordinatorShard first = ctx.shard(P);
            ctx.write(P, commit(1)).join();

            ctx.await(ctx.runtime.scheduleLoad(P, 2));
            ctx.await(ctx.runtime.scheduleUnload(P, 3));
            assertEquals(first, ctx.shard(P), "a stale election or resignation changes nothing");
            assertEquals(3, ctx.runtime.partitionEpoch(P).getAsInt());

            ctx.await(ctx.runtime.scheduleLoad(P, 5));
            assertFalse(first == ctx.shard(P), "a newer epoch replays into a fresh shard");
            assertEquals(5, ctx.runtime.partitionEpoch(P).getAsInt());
            assertEquals(1L, committed(ctx), "replayed from the log");
        }
    }

    @Test
    void aQuickLeaderFollowerLeaderFlipReloadsCleanlyAndFailsWhatWasParked() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.await(ctx.runtime.scheduleLoad(P, 1));
            ctx.write(P, commit(1)).join();
            ctx.log.holdAppends(true);
            CompletableFuture<String> parked = ctx.write(P, commit(2));
            assertFalse(parked.isDone());

            CompletableFuture<Void> resigned = ctx.runtime.scheduleUnload(P, 2);
            CompletableFuture<Void> elected = ctx.runtime.scheduleLoad(P, 3);
            ctx.log.failHeldAppends(new CoordinatorException(ErrorCode.NOT_COORDINATOR, "lost leadership"));
            ctx.log.holdAppends(false);
            ctx.await(resigned);
            ctx.await(elected);

            assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(parked));
            assertEquals(CoordinatorPartitionState.ACTIVE, ctx.runtime.partitionState(P));
            assertEquals(3, ctx.runtime.partitionEpoch(P).getAsInt());
            assertEquals(1L, committed(ctx), "only what the log holds");
            assertEquals("committed 4", ctx.write(P, commit(4)).join());
        }
    }

    @Test
    void partitionStatesAllowOnlyTheDeclaredTransitions() {
        for (CoordinatorPartitionState from : CoordinatorPartitionState.values()) {
            for (CoordinatorPartitionState to : CoordinatorPartitionState.values()) {
                boolean legal = switch (to) {
                    case LOADING -> false;
                    case ACTIVE, FAILED -> from == CoordinatorPartitionState.LOADING;
                    case CLOSED -> from != CoordinatorPartitionState.CLOSED;
                };
                assertEquals(legal, to.canTransitionFrom(from), from + " -> " + to);
            }
        }
    }
}
