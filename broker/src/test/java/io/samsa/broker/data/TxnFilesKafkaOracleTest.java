package io.samsa.broker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.util.ManualTime;
import io.samsa.storage.LogConfig;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.storage.internals.log.AbortedTxn;
import org.apache.kafka.storage.internals.log.ProducerStateEntry;
import org.apache.kafka.storage.internals.log.ProducerStateManager;
import org.apache.kafka.storage.internals.log.TransactionIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka's own storage code (the oracle) reads the .txnindex and .snapshot files Samsa's log writes. */
class TxnFilesKafkaOracleTest {
    private static final TopicPartition TP = new TopicPartition("oracle", 0);

    @TempDir
    Path tmp;

    @Test
    void kafkaReadsOurAbortedTransactionIndexAndProducerSnapshot() throws Exception {
        ManualTime time = new ManualTime(1_000_000);
        Path dir = tmp.resolve(TP.dirName());
        PartitionLog log = PartitionLog.open(dir, TP, LogConfig.fromMap(Map.of()), time);
        log.append(txn(11, (short) 2, 3));                                                  // 0-2
        log.append(txn(12, (short) 0, 1));                                                  // 3, stays open
        log.append(TxnRecords.marker(11, (short) 2, ControlRecordType.ABORT, 9, 1_000_000L)); // 4
        log.close();

        try (TransactionIndex index = new TransactionIndex(0, dir.resolve("00000000000000000000.txnindex").toFile())) {
            List<AbortedTxn> aborted = index.allAbortedTxns();
            assertEquals(1, aborted.size());
            assertEquals(List.of(11L, 0L, 4L, 3L), List.of(aborted.get(0).producerId(), aborted.get(0).firstOffset(),
                    aborted.get(0).lastOffset(), aborted.get(0).lastStableOffset()));
        }

        File snapshot = dir.resolve("00000000000000000005.snapshot").toFile();
        List<ProducerStateEntry> entries = ProducerStateManager.readSnapshot(snapshot).stream()
                .sorted(Comparator.comparingLong(ProducerStateEntry::producerId)).toList();
        assertEquals(2, entries.size());
        ProducerStateEntry aborter = entries.get(0);
        assertEquals(11, aborter.producerId());
        assertEquals(2, aborter.producerEpoch());
        assertEquals(2, aborter.lastSeq());
        assertEquals(2, aborter.lastDataOffset());
        assertEquals(9, aborter.coordinatorEpoch());
        assertEquals(OptionalLong.empty(), aborter.currentTxnFirstOffset());
        ProducerStateEntry open = entries.get(1);
        assertEquals(12, open.producerId());
        assertEquals(OptionalLong.of(3), open.currentTxnFirstOffset());
    }

    private static MemoryRecords txn(long producerId, short epoch, int records) {
        String[] values = new String[records];
        java.util.Arrays.fill(values, "v");
        return TxnRecords.txn(producerId, epoch, 1_000_000L, values);
    }
}
