package io.samsa.storage;

import static io.samsa.storage.TxnTestBatches.marker;
import static io.samsa.storage.TxnTestBatches.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.util.ManualTime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Producer-state snapshots: written on roll and clean close, loaded at open so only the tail is replayed. */
class ProducerStateSnapshotTest {
    private static final TopicPartition TP = new TopicPartition("snap", 0);
    private static final int PRODUCERS = 1000;

    @TempDir
    Path tmp;
    private final ManualTime time = new ManualTime(1_000_000);
    private final List<PartitionLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() {
        opened.forEach(PartitionLog::closeUncleanly);
    }

    private PartitionLog open() {
        PartitionLog log = PartitionLog.open(tmp.resolve(TP.dirName()), TP, LogConfig.fromMap(Map.of()), time);
        opened.add(log);
        return log;
    }

    private void crash(PartitionLog log) {
        log.closeUncleanly();
        opened.remove(log);
    }

    private static MemoryRecords idempotent(long producerId, int baseSequence, long timestampMs) {
        return new MemoryRecords(RecordBatchBuilder.create(CompressionType.NONE).producer(producerId, (short) 0, baseSequence)
                .append(timestampMs, null, new byte[] {1}).build());
    }

    private static RecordBatch probe(long producerId, int baseSequence) {
        ByteBuffer buffer = idempotent(producerId, baseSequence, 0).buffer();
        return new RecordBatch(buffer, buffer.position());
    }

    /** rounds x PRODUCERS batches, rolled after each round. */
    private void writeRounds(PartitionLog log, int rounds) {
        for (int round = 0; round < rounds; round++) {
            for (int p = 0; p < PRODUCERS; p++) {
                log.append(idempotent(p, round, time.milliseconds()));
            }
            log.roll();
        }
    }

    @Test
    void startUpReplaysOnlyTheTailAfterTheLastSnapshotWhateverTheLogsLength() {
        for (int rounds : new int[] {2, 6}) {
            PartitionLog log = open();
            writeRounds(log, rounds);
            for (int p = 0; p < 7; p++) {
                log.append(idempotent(p, rounds, time.milliseconds()));
            }
            log.flush();
            crash(log);

            PartitionLog reopened = open();
            assertEquals(7, reopened.producerStateReplayedBatches(), rounds + " rounds: only the batches after the last roll");
            assertEquals(PRODUCERS, reopened.producerState().producerCount());
            assertEquals(SequenceCheck.APPEND, reopened.producerState().check(probe(3, rounds + 1)));
            assertEquals(SequenceCheck.APPEND, reopened.producerState().check(probe(500, rounds)));
            assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, reopened.producerState().check(probe(500, rounds + 3)).error());
            reopened.close();
            opened.remove(reopened);
            deleteLog();
        }
    }

    @Test
    void aCleanCloseSnapshotsOpenTransactionsAndACorruptSnapshotIsIgnoredAndRebuilt() throws IOException {
        PartitionLog log = open();
        long now = time.milliseconds();
        log.append(txn(1, (short) 0, 0, now, "a"));                      // 0, commits
        log.append(txn(2, (short) 0, 0, now, "b"));                      // 1, stays open
        log.append(marker(1, (short) 0, ControlRecordType.COMMIT, now)); // 2
        log.close();
        opened.remove(log);
        Path snapshot = SegmentFiles.snapshot(tmp.resolve(TP.dirName()), 3);
        assertTrue(Files.exists(snapshot));

        PartitionLog reopened = open();
        assertEquals(0, reopened.producerStateReplayedBatches());
        assertEquals(1, reopened.lastStableOffset(3), "producer 2's open transaction came back from the snapshot");
        reopened.close();
        opened.remove(reopened);

        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length - 1] ^= 0x5a;
        Files.write(snapshot, bytes);
        PartitionLog rebuilt = open();
        assertEquals(3, rebuilt.producerStateReplayedBatches(), "the corrupt snapshot was ignored: the whole log replayed");
        assertEquals(1, rebuilt.lastStableOffset(3));
        assertEquals(2, rebuilt.producerState().producerCount());
        assertFalse(Files.exists(snapshot), "the corrupt snapshot was deleted");
        rebuilt.close();
        opened.remove(rebuilt);
        assertFalse(isCorrupt(snapshot), "the clean close wrote a good one again");
    }

    @Test
    void snapshotsPastTheLogEndAreDeletedAndTruncationReloadsFromAnEarlierOne() {
        PartitionLog log = open();
        long now = time.milliseconds();
        log.append(txn(1, (short) 0, 0, now, "a")); // 0
        log.roll();                                   // snapshot at 1
        log.append(marker(1, (short) 0, ControlRecordType.ABORT, now)); // 1
        log.roll();                                   // snapshot at 2
        log.append(TestBatches.values(now, "x"));    // 2
        assertEquals(3, log.lastStableOffset(3));

        log.truncateTo(1);
        assertFalse(Files.exists(SegmentFiles.snapshot(tmp.resolve(TP.dirName()), 2)));
        assertEquals(0, log.lastStableOffset(1), "the abort marker is gone: the transaction is open again");
        assertEquals(0, log.producerStateReplayedBatches(), "loaded from the snapshot at 1, nothing after it");
        assertEquals(List.of(), log.abortedTransactions(0, 10));
    }

    private static boolean isCorrupt(Path snapshot) {
        try {
            ProducerStateSnapshot.read(snapshot);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void deleteLog() {
        try (var files = Files.list(tmp.resolve(TP.dirName()))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
