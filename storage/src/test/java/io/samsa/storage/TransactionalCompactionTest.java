package io.samsa.storage;

import static io.samsa.storage.TxnTestBatches.batchOffsets;
import static io.samsa.storage.TxnTestBatches.marker;
import static io.samsa.storage.TxnTestBatches.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.util.ManualTime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction with transactions, as Kafka's cleaner: aborted data removed, markers kept for delete.retention.ms, open transactions untouched. */
class TransactionalCompactionTest {
    private static final TopicPartition TP = new TopicPartition("compacted-txn", 0);
    private static final long DELETE_RETENTION_MS = 10_000;

    @TempDir
    Path tmp;
    private final ManualTime time = new ManualTime(1_000_000);
    private PartitionLog log;

    @AfterEach
    void close() {
        if (log != null) {
            log.closeUncleanly();
        }
    }

    private PartitionLog open() {
        return PartitionLog.open(tmp.resolve(TP.dirName()), TP, LogConfig.fromMap(Map.of(
                LogConfig.CLEANUP_POLICY, "compact",
                LogConfig.DELETE_RETENTION_MS, String.valueOf(DELETE_RETENTION_MS),
                LogConfig.FILE_DELETE_DELAY_MS, "0")), time);
    }

    @Test
    void abortedDataGoesAndMarkersStayUntilTheDeleteRetentionPassed() {
        log = open();
        long now = time.milliseconds();
        log.append(TestBatches.batch(List.of(TestBatches.Rec.of("k", "old", now))));  // 0
        log.append(txn(1, (short) 0, 0, now, "k"));                                   // 1, aborted
        log.append(marker(1, (short) 0, ControlRecordType.ABORT, now));               // 2
        log.append(txn(2, (short) 0, 0, now, "j"));                                   // 3, committed
        log.append(marker(2, (short) 0, ControlRecordType.COMMIT, now));              // 4
        log.roll();
        log.append(TestBatches.batch(List.of(TestBatches.Rec.of("z", "active", now)))); // 5

        assertTrue(log.compact(now));
        assertEquals(List.of(0L, 2L, 3L, 4L, 5L), batchOffsets(log, 0, Long.MAX_VALUE),
                "the aborted record went, and did not supersede the committed 'old' value of k");

        time.advance(DELETE_RETENTION_MS);
        assertTrue(log.compact(time.milliseconds()));
        assertEquals(List.of(0L, 3L, 5L), batchOffsets(log, 0, Long.MAX_VALUE), "the markers are past delete.retention.ms");
    }

    @Test
    void nothingFromTheFirstOpenTransactionOnIsCleaned() {
        log = open();
        long now = time.milliseconds();
        log.append(txn(1, (short) 0, 0, now, "k"));                                   // 0, open
        log.append(TestBatches.batch(List.of(TestBatches.Rec.of("k", "newer", now)))); // 1
        log.roll();
        log.append(TestBatches.batch(List.of(TestBatches.Rec.of("z", "active", now)))); // 2

        assertFalse(log.compact(now), "the only non-active segment holds an open transaction");
        assertEquals(List.of(0L, 1L, 2L), batchOffsets(log, 0, Long.MAX_VALUE));
    }
}
