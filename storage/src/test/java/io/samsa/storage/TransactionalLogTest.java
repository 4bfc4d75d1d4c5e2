package io.samsa.storage;

import static io.samsa.storage.TxnTestBatches.batchOffsets;
import static io.samsa.storage.TxnTestBatches.marker;
import static io.samsa.storage.TxnTestBatches.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.util.ManualTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log side of transactions: last stable offset, aborted-transaction index, read_committed reads, on a manual clock. */
class TransactionalLogTest {
    private static final TopicPartition TP = new TopicPartition("txn", 0);
    private static final short EPOCH = 0;

    @TempDir
    Path tmp;
    private final ManualTime time = new ManualTime(1_000_000);
    private final List<PartitionLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() {
        opened.forEach(PartitionLog::closeUncleanly);
    }

    private PartitionLog open(Map<String, String> props) {
        PartitionLog log = PartitionLog.open(tmp.resolve(TP.dirName()), TP, LogConfig.fromMap(props), time);
        opened.add(log);
        return log;
    }

    private Path dir() {
        return tmp.resolve(TP.dirName());
    }

    @Test
    void theLastStableOffsetFollowsInterleavedProducersThroughCommitAndAbort() {
        PartitionLog log = open(Map.of());
        long now = time.milliseconds();
        log.append(txn(1, EPOCH, 0, now, "a1", "a2"));           // 0-1   producer 1 opens at 0
        log.append(TestBatches.values(now, "plain"));             // 2     non-transactional
        log.append(txn(2, EPOCH, 0, now, "b1"));                  // 3     producer 2 opens at 3
        assertEquals(0, log.lastStableOffset(log.logEndOffset()));
        assertEquals(0, log.producerState().firstOngoingOffset());

        log.append(marker(1, EPOCH, ControlRecordType.COMMIT, now)); // 4
        assertEquals(3, log.lastStableOffset(log.logEndOffset()), "producer 2 still holds the LSO");
        assertEquals(2, log.lastStableOffset(2), "never above the high watermark");
        log.append(txn(2, EPOCH, 1, now, "b2"));                  // 5
        log.append(marker(2, EPOCH, ControlRecordType.ABORT, now)); // 6
        assertEquals(7, log.lastStableOffset(log.logEndOffset()), "both decided: the LSO is the high watermark");

        assertEquals(List.of(0L, 2L), batchOffsets(log, 0, log.lastStableOffset(3)), "read_committed below the LSO only");
        assertEquals(List.of(new AbortedTxn(2, 3, 6, 7)), log.abortedTransactions(0, 7));
        assertEquals(List.of(), log.abortedTransactions(0, 3), "the aborted transaction starts at the bound");
        assertEquals(List.of(), log.abortedTransactions(7, 100), "and ends before the fetch offset");
    }

    @Test
    void aMarkerFromAnOlderEpochOrCoordinatorIsRefusedAndNothingIsWritten() {
        PartitionLog log = open(Map.of());
        long now = time.milliseconds();
        log.append(txn(1, (short) 3, 0, now, "a"));
        log.append(marker(1, (short) 3, ControlRecordType.ABORT, 7, now));
        long end = log.logEndOffset();
        ProducerStateException fenced = assertThrows(ProducerStateException.class,
                () -> log.append(marker(1, (short) 2, ControlRecordType.COMMIT, 7, now)));
        assertEquals(ErrorCode.INVALID_PRODUCER_EPOCH, fenced.error());
        ProducerStateException coordinator = assertThrows(ProducerStateException.class,
                () -> log.append(marker(1, (short) 3, ControlRecordType.COMMIT, 6, now)));
        assertEquals(ErrorCode.TRANSACTION_COORDINATOR_FENCED, coordinator.error());
        assertEquals(end, log.logEndOffset());
    }

    @Test
    void theTxnIndexIsWrittenInKafkasFormatAndReadBackAfterARestart() throws IOException {
        PartitionLog log = open(Map.of());
        long now = time.milliseconds();
        log.append(txn(5, EPOCH, 0, now, "x", "y"));
        log.append(marker(5, EPOCH, ControlRecordType.ABORT, now));
        Path index = SegmentFiles.txnIndex(dir(), 0);
        byte[] bytes = Files.readAllBytes(index);
        assertEquals(AbortedTxn.ENTRY_BYTES, bytes.length);
        java.nio.ByteBuffer entry = java.nio.ByteBuffer.wrap(bytes);
        assertEquals(0, entry.getShort(0), "version");
        assertEquals(5, entry.getLong(2), "producer id");
        assertEquals(0, entry.getLong(10), "first offset");
        assertEquals(2, entry.getLong(18), "last offset: the marker");
        assertEquals(3, entry.getLong(26), "last stable offset");
        log.close();
        opened.remove(log);

        PartitionLog reopened = open(Map.of());
        assertEquals(List.of(new AbortedTxn(5, 0, 2, 3)), reopened.abortedTransactions(0, 3));
        assertEquals(0, reopened.producerStateReplayedBatches(), "a clean stop left a snapshot at the log end");
    }

    @Test
    void recoveryRebuildsTheTxnIndexOfTheSegmentsItRescans() throws IOException {
        PartitionLog log = open(Map.of());
        long now = time.milliseconds();
        log.append(txn(5, EPOCH, 0, now, "x"));
        log.append(marker(5, EPOCH, ControlRecordType.ABORT, now));
        log.append(txn(6, EPOCH, 0, now, "open"));
        log.closeUncleanly();
        opened.remove(log);
        Files.delete(SegmentFiles.txnIndex(dir(), 0));

        PartitionLog recovered = open(Map.of());
        assertEquals(List.of(new AbortedTxn(5, 0, 1, 2)), recovered.abortedTransactions(0, 10));
        assertEquals(AbortedTxn.ENTRY_BYTES, Files.size(SegmentFiles.txnIndex(dir(), 0)));
        assertEquals(2, recovered.lastStableOffset(recovered.logEndOffset()), "producer 6's transaction is open again");
    }

    @Test
    void truncationDropsTheEntriesOfMarkersItRemovesAndReopensTheirTransactions() throws IOException {
        PartitionLog log = open(Map.of());
        long now = time.milliseconds();
        log.append(txn(5, EPOCH, 0, now, "x"));                    // 0
        log.append(marker(5, EPOCH, ControlRecordType.ABORT, now)); // 1
        log.append(txn(7, EPOCH, 0, now, "y"));                    // 2
        log.append(marker(7, EPOCH, ControlRecordType.ABORT, now)); // 3
        assertEquals(2, log.abortedTransactions(0, 10).size());

        log.truncateTo(3);
        assertEquals(List.of(new AbortedTxn(5, 0, 1, 2)), log.abortedTransactions(0, 10));
        assertEquals(AbortedTxn.ENTRY_BYTES, Files.size(SegmentFiles.txnIndex(dir(), 0)));
        assertEquals(2, log.lastStableOffset(log.logEndOffset()), "producer 7's transaction is open once more");
    }

    @Test
    void retentionDeletesATxnIndexWithItsSegment() throws IOException {
        PartitionLog log = open(Map.of(LogConfig.RETENTION_MS, "1000", LogConfig.FILE_DELETE_DELAY_MS, "0"));
        long now = time.milliseconds();
        log.append(txn(5, EPOCH, 0, now, "x"));
        log.append(marker(5, EPOCH, ControlRecordType.ABORT, now));
        log.roll();
        log.append(TestBatches.values(now + 5000, "later"));
        Path index = SegmentFiles.txnIndex(dir(), 0);
        assertTrue(Files.exists(index));
        time.advance(2000);
        assertEquals(1, log.deleteExpiredSegments(time.milliseconds()));
        log.runPendingDeletes(time.milliseconds());
        assertFalse(Files.exists(index));
        assertFalse(Files.exists(SegmentFiles.withSuffix(index, SegmentFiles.DELETED_SUFFIX)));
        assertEquals(List.of(), log.abortedTransactions(log.logStartOffset(), 100));
    }

    @Test
    void aFollowerAppliesTheSameTransactionStateAndIndexAsItsLeader() {
        PartitionLog leader = open(Map.of());
        long now = time.milliseconds();
        leader.appendAsLeader(txn(1, EPOCH, 0, now, "a"), 3);                        // 0
        leader.appendAsLeader(txn(2, EPOCH, 0, now, "b"), 3);                        // 1
        leader.appendAsLeader(marker(1, EPOCH, ControlRecordType.ABORT, now), 3);    // 2
        TopicPartition replica = new TopicPartition("txn-replica", 0);
        PartitionLog follower = PartitionLog.open(tmp.resolve(replica.dirName()), replica, LogConfig.fromMap(Map.of()), time);
        opened.add(follower);
        java.util.Iterator<io.samsa.protocol.record.RecordBatch> batches = leader.batchesFrom(0);
        while (batches.hasNext()) {
            io.samsa.protocol.record.RecordBatch batch = batches.next();
            java.nio.ByteBuffer copy = batch.buffer().duplicate();
            copy.limit(batch.start() + batch.sizeInBytes()).position(batch.start());
            follower.appendAsFollower(new io.samsa.protocol.record.MemoryRecords(copy.slice()));
        }
        assertEquals(leader.abortedTransactions(0, 10), follower.abortedTransactions(0, 10));
        assertEquals(List.of(new AbortedTxn(1, 0, 2, 1)), follower.abortedTransactions(0, 10));
        assertEquals(1, follower.lastStableOffset(3), "producer 2's transaction is open on the follower too");
        assertEquals(0, follower.lastStableOffset(0), "and the LSO never passes the high watermark");
    }
}
