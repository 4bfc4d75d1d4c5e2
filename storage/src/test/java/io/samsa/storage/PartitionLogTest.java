package io.samsa.storage;

import io.samsa.protocol.record.CorruptRecordException;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.util.ManualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionLogTest {
    private static final TopicPartition TP = new TopicPartition("orders", 3);

    @TempDir
    Path tmp;
    private final ManualTime time = new ManualTime();
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

    @Test
    void appendAssignsOffsetsInPlaceAndKeepsTheCrc() {
        PartitionLog log = open(Map.of());
        MemoryRecords first = TestBatches.values(time.milliseconds(), "a", "b", "c");
        long crcBefore = first.iterator().next().checksum();
        AppendInfo info = log.append(first);
        assertEquals(0, info.firstOffset());
        assertEquals(2, info.lastOffset());
        assertEquals(-1, info.logAppendTimeMs());
        assertEquals(crcBefore, first.iterator().next().checksum());
        assertEquals(0, first.iterator().next().baseOffset());

        AppendInfo second = log.append(TestBatches.values(time.milliseconds(), "d", "e"));
        assertEquals(3, second.firstOffset());
        assertEquals(4, second.lastOffset());
        assertEquals(5, log.logEndOffset());
        List<TestBatches.Decoded> records = TestBatches.readAll(log);
        assertEquals(List.of("a", "b", "c", "d", "e"), records.stream().map(TestBatches.Decoded::value).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), records.stream().map(TestBatches.Decoded::offset).toList());
    }

    @Test
    void readReturnsWholeBatchesWithinBudgetButAtLeastOne() throws IOException {
        PartitionLog log = open(Map.of(LogConfig.INDEX_INTERVAL_BYTES, "0"));
        for (int i = 0; i < 10; i++) {
            log.append(TestBatches.ofSize(1000, 2, time.milliseconds()));
        }
        FileSlice slice = log.read(0, 3500);
        assertEquals(3000, slice.sizeInBytes());
        assertEquals(List.of(0L, 2L, 4L), baseOffsets(slice));

        FileSlice tiny = log.read(5, 10);
        assertEquals(1000, tiny.sizeInBytes(), "at least one whole batch even over budget");
        assertEquals(List.of(4L), baseOffsets(tiny));

        FileSlice tail = log.read(18, 1 << 20);
        assertEquals(List.of(18L), baseOffsets(tail));
        assertTrue(log.read(20, 100).isEmpty(), "reading at the log end offset is empty");
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(21, 100));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(-1, 100));
    }

    private static List<Long> baseOffsets(FileSlice slice) throws IOException {
        List<Long> offsets = new ArrayList<>();
        for (RecordBatch batch : slice.readAll()) {
            offsets.add(batch.baseOffset());
        }
        return offsets;
    }

    @Test
    void rollsOnSegmentBytesTimeAndFullIndex() {
        PartitionLog log = open(Map.of(LogConfig.SEGMENT_BYTES, "2500", LogConfig.SEGMENT_MS, "1000"));
        log.append(TestBatches.ofSize(1000, 1, time.milliseconds()));
        log.append(TestBatches.ofSize(1000, 1, time.milliseconds()));
        assertEquals(List.of(0L), log.segmentBaseOffsets());
        log.append(TestBatches.ofSize(1000, 1, time.milliseconds()));
        assertEquals(List.of(0L, 2L), log.segmentBaseOffsets(), "segment.bytes rolls");
        time.advance(999);
        log.append(TestBatches.ofSize(100, 1, time.milliseconds()));
        assertEquals(List.of(0L, 2L), log.segmentBaseOffsets());
        time.advance(1);
        log.append(TestBatches.ofSize(100, 1, time.milliseconds()));
        assertEquals(List.of(0L, 2L, 4L), log.segmentBaseOffsets(), "segment.ms rolls");

        PartitionLog small = PartitionLog.open(tmp.resolve("idx-0"), new TopicPartition("idx", 0),
                LogConfig.fromMap(Map.of(LogConfig.SEGMENT_INDEX_BYTES, "24", LogConfig.INDEX_INTERVAL_BYTES, "0")), time);
        opened.add(small);
        for (int i = 0; i < 8; i++) {
            small.append(TestBatches.values(time.milliseconds(), "v" + i));
            time.advance(1);
        }
        assertTrue(small.segmentCount() > 1, "a full index rolls");
        assertEquals(8, TestBatches.readAll(small).size());
    }

    @Test
    void rejectsCorruptAndOversizedBatchesWithoutWriting() {
        PartitionLog log = open(Map.of(LogConfig.MAX_MESSAGE_BYTES, "500"));
        MemoryRecords bad = TestBatches.values(time.milliseconds(), "x");
        bad.buffer().put(RecordBatch.RECORDS_OFFSET + 2, (byte) 99);
        assertThrows(CorruptRecordException.class, () -> log.append(bad));
        MemoryRecords torn = TestBatches.values(time.milliseconds(), "x");
        java.nio.ByteBuffer cut = torn.buffer();
        cut.limit(cut.limit() - 1);
        assertThrows(CorruptRecordException.class, () -> log.append(new MemoryRecords(cut)));
        assertThrows(CorruptRecordException.class, () -> log.append(MemoryRecords.EMPTY));
        assertThrows(RecordTooLargeException.class, () -> log.append(TestBatches.ofSize(600, 1, time.milliseconds())));
        assertEquals(0, log.logEndOffset());
        assertEquals(0, log.sizeInBytes());
    }

    @Test
    void logAppendTimeOverwritesTheMaxTimestamp() {
        PartitionLog log = open(Map.of(LogConfig.MESSAGE_TIMESTAMP_TYPE, "LogAppendTime"));
        AppendInfo info = log.append(TestBatches.values(5, "a"));
        assertEquals(time.milliseconds(), info.logAppendTimeMs());
        RecordBatch stored = log.batchesFrom(0).next();
        assertTrue(stored.isLogAppendTime());
        assertEquals(time.milliseconds(), stored.maxTimestamp());
        assertTrue(stored.isChecksumValid());
    }

    @Test
    void timestampQueriesFindTheFirstRecordAtOrAfter() {
        PartitionLog log = open(Map.of(LogConfig.SEGMENT_BYTES, "400", LogConfig.INDEX_INTERVAL_BYTES, "0"));
        long t0 = time.milliseconds();
        for (int i = 0; i < 20; i++) {
            log.append(TestBatches.batch(List.of(TestBatches.Rec.of(null, "a" + i, t0 + i * 10L),
                    TestBatches.Rec.of(null, "b" + i, t0 + i * 10L + 5))));
        }
        assertTrue(log.segmentCount() > 2);
        assertEquals(new TimestampAndOffset(t0, 0), log.offsetForTimestamp(t0 - 100).orElseThrow());
        assertEquals(new TimestampAndOffset(t0 + 75, 15), log.offsetForTimestamp(t0 + 71).orElseThrow());
        assertEquals(new TimestampAndOffset(t0 + 80, 16), log.offsetForTimestamp(t0 + 76).orElseThrow());
        assertTrue(log.offsetForTimestamp(t0 + 1000).isEmpty());
        assertEquals(new TimestampAndOffset(t0 + 195, 39), log.maxTimestampOffset().orElseThrow());
        assertEquals(0, log.earliestOffset().offset());
        assertEquals(40, log.latestOffset().offset());

        log.deleteRecordsBefore(17);
        assertEquals(new TimestampAndOffset(t0 + 85, 17), log.offsetForTimestamp(t0).orElseThrow());
    }

    @Test
    void deleteRecordsMovesTheStartAndDropsWholeSegments() throws IOException {
        PartitionLog log = open(Map.of(LogConfig.SEGMENT_BYTES, "1000", LogConfig.FILE_DELETE_DELAY_MS, "0"));
        for (int i = 0; i < 10; i++) {
            log.append(TestBatches.ofSize(400, 2, time.milliseconds()));
        }
        assertEquals(5, log.segmentCount());
        assertEquals(7, log.deleteRecordsBefore(7));
        assertEquals(7, log.logStartOffset());
        assertEquals(List.of(4L, 8L, 12L, 16L), log.segmentBaseOffsets());
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(6, 100));
        assertEquals(List.of(6L), baseOffsets(log.read(7, 100)), "the batch holding 7");
        assertThrows(OffsetOutOfRangeException.class, () -> log.deleteRecordsBefore(21));
        assertEquals(7, log.deleteRecordsBefore(3), "never moves back");
        log.runPendingDeletes(time.milliseconds());
        assertFalse(Files.exists(log.dir().resolve(SegmentFiles.baseName(0) + ".log.deleted")));
    }

    @Test
    void listenersHearEveryAppendAfterItIsReadable() {
        PartitionLog log = open(Map.of());
        AtomicReference<Long> seenEnd = new AtomicReference<>();
        log.addAppendListener((l, info) -> seenEnd.set(l.read(info.firstOffset(), 100).isEmpty() ? -1L : l.logEndOffset()));
        log.append(TestBatches.values(time.milliseconds(), "a", "b"));
        assertEquals(2L, seenEnd.get());
    }

    @Test
    void batchesFromIteratesAcrossSegmentsUpToTheEndAtCallTime() {
        PartitionLog log = open(Map.of(LogConfig.SEGMENT_BYTES, "1000"));
        for (int i = 0; i < 12; i++) {
            log.append(TestBatches.ofSize(300, 1, time.milliseconds()));
        }
        Iterator<RecordBatch> batches = log.batchesFrom(5);
        log.append(TestBatches.ofSize(300, 1, time.milliseconds()));
        List<Long> offsets = new ArrayList<>();
        batches.forEachRemaining(b -> offsets.add(b.baseOffset()));
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L, 11L), offsets);
    }

    @Test
    void concurrentReadersOnlySeeWholeCommittedBatches() throws Exception {
        PartitionLog log = open(Map.of(LogConfig.SEGMENT_BYTES, "20000", LogConfig.INDEX_INTERVAL_BYTES, "512"));
        int appends = 2000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                long next = 0;
                while (next < appends) {
                    long end = log.logEndOffset();
                    if (next < end) {
                        FileSlice slice = log.read(next, 4096);
                        List<TestBatches.Decoded> records = TestBatches.decode(slice.readAll().buffer());
                        if (records.isEmpty() || records.get(0).offset() != next) {
                            throw new AssertionError("expected offset " + next + " got " + records);
                        }
                        for (TestBatches.Decoded record : records) {
                            if (!record.value().equals("v" + record.offset())) {
                                throw new AssertionError("wrong value at " + record);
                            }
                        }
                        next = records.get(records.size() - 1).offset() + 1;
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (int i = 0; i < appends; i++) {
            log.append(TestBatches.values(time.milliseconds(), "v" + i));
        }
        reader.join(30_000);
        assertFalse(reader.isAlive());
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void cleanCloseAndReopenKeepsEverything() {
        Map<String, String> props = new HashMap<>(Map.of(LogConfig.SEGMENT_BYTES, "1000"));
        PartitionLog log = open(props);
        for (int i = 0; i < 10; i++) {
            log.append(TestBatches.values(time.milliseconds(), "v" + i));
        }
        log.roll();
        log.append(TestBatches.values(time.milliseconds(), "v10"));
        log.deleteRecordsBefore(2);
        log.close();
        assertTrue(Files.exists(log.dir().resolve(PartitionCheckpoint.CLEAN_SHUTDOWN_FILE_NAME)));
        PartitionLog reopened = open(props);
        assertFalse(Files.exists(log.dir().resolve(PartitionCheckpoint.CLEAN_SHUTDOWN_FILE_NAME)));
        assertEquals(11, reopened.logEndOffset());
        assertEquals(2, reopened.logStartOffset());
        assertEquals(11, reopened.recoveryPoint());
        assertEquals(9, TestBatches.readAll(reopened).size());
        assertEquals(11, reopened.append(TestBatches.values(time.milliseconds(), "v11")).firstOffset());
    }
}
