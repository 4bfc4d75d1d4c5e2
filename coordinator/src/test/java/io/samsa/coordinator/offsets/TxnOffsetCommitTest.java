package io.samsa.coordinator.offsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Offsets committed in a transaction: pending until its marker, then committed or dropped; rebuilt by replay. */
class TxnOffsetCommitTest {
    private static final String GROUP = "txn-group";
    private static final long PRODUCER = 4000;
    private static final TopicPartition TP = new TopicPartition("in", 0);

    private final GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext();
    private int partition;

    @AfterEach
    void close() {
        ctx.close();
    }

    private GroupCoordinatorTestContext loaded() {
        partition = ctx.service.partitionFor(GROUP);
        return ctx.load(partition);
    }

    private OffsetCommitResponse commitInTransaction(long offset) {
        OffsetCommitRequest request = new OffsetCommitRequest(GROUP, "", OffsetCommitRequest.UNKNOWN_GENERATION, null,
                OffsetCommitRequest.DEFAULT_RETENTION, (short) 3,
                List.of(new OffsetCommitRequest.PartitionCommit(TP.topic(), TP.partition(), offset, -1, "m")));
        return ctx.await(ctx.service.commitTransactionalOffsets(PRODUCER, request));
    }

    private long fetched() {
        OffsetFetchResponse response = ctx.await(ctx.service.fetchOffsets(new OffsetFetchRequest(GROUP, List.of(TP))));
        return response.partitions().get(0).offset();
    }

    @Test
    void pendingOffsetsAreInvisibleUntilTheCommitMarker() {
        loaded();
        assertEquals(ErrorCode.NONE, commitInTransaction(7).partitions().get(0).error());
        assertEquals(OffsetFetchResponse.NO_OFFSET, fetched());
        assertTrue(ctx.shard(partition).pendingOffsets().hasPending(GROUP, TP));
        assertEquals(ErrorCode.NONE, ctx.await(ctx.service.completeTransaction(partition, PRODUCER, true)));
        assertEquals(7, fetched());
        assertTrue(ctx.shard(partition).pendingOffsets().of(PRODUCER).isEmpty());
    }

    @Test
    void anAbortMarkerDropsThemAndLeavesTheCommittedOffset() {
        loaded();
        commitInTransaction(3);
        ctx.await(ctx.service.completeTransaction(partition, PRODUCER, true));
        commitInTransaction(9);
        assertEquals(ErrorCode.NONE, ctx.await(ctx.service.completeTransaction(partition, PRODUCER, false)));
        assertEquals(3, fetched());
        assertEquals(ErrorCode.NONE, ctx.await(ctx.service.completeTransaction(partition, PRODUCER, true)), "a resent marker");
        assertEquals(3, fetched(), "finds nothing left to commit");
    }

    @Test
    void pendingOffsetsSurviveAReloadAndAreCommittedByTheMarkerAfterIt() {
        int p = ctx.service.partitionFor(GROUP);
        ctx.seed(p, OffsetCommitRecords.newTxnOffsetCommitRecord(GROUP, TP.topic(), TP.partition(), PRODUCER,
                new CommittedOffset(11, -1, "", 1, OptionalLong.empty())));
        loaded();
        assertEquals(OffsetFetchResponse.NO_OFFSET, fetched());
        ctx.await(ctx.service.completeTransaction(partition, PRODUCER, true));
        assertEquals(11, fetched());
    }
}
