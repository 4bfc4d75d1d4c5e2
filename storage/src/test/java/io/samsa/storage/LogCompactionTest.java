package io.samsa.storage;

import io.samsa.protocol.util.ManualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compaction against an in-memory model of which records must survive. */
class LogCompactionTest {
    private static final TopicPartition TP = new TopicPartition("__consumer_offsets", 0);
    private static final long DELETE_RETENTION_MS = 1_000;

    @TempDir(factory = MemoryTempDirFactory.class)
    java.nio.file.Path tmp;
    private final ManualTime time = new ManualTime();
    private PartitionLog log;

    /** A record as the model sees it. */
    private record ModelRecord(long offset, String key, String value, long batchTimestampMs) {
    }

    private final List<ModelRecord> model = new ArrayList<>();

    @AfterEach
    void close() {
        if (log != null) {
            log.closeUncleanly();
        }
    }

    private PartitionLog open(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                LogConfig.CLEANUP_POLICY, "compact",
                LogConfig.SEGMENT_BYTES, "700",
                LogConfig.INDEX_INTERVAL_BYTES, "128",
                LogConfig.DELETE_RETENTION_MS, String.valueOf(DELETE_RETENTION_MS),
                LogConfig.FILE_DELETE_DELAY_MS, "0"));
        props.putAll(extra);
        return PartitionLog.open(tmp.resolve(TP.dirName()), TP, LogConfig.fromMap(props), time);
    }

    private void appendRandom(Random random, int batches, int keys) {
        for (int b = 0; b < batches; b++) {
            int count = 1 + random.nextInt(4);
            long ts = time.milliseconds();
            List<TestBatches.Rec> records = new ArrayList<>();
            for (int r = 0; r < count; r++) {
                String key = random.nextInt(10) == 0 ? null : "key-" + random.nextInt(keys);
                String value = key != null && random.nextInt(8) == 0 ? null : "value-" + random.nextInt(1_000_000);
                records.add(TestBatches.Rec.of(key, value, ts));
            }
            AppendInfo info = log.append(TestBatches.batch(records));
            for (int r = 0; r < count; r++) {
                model.add(new ModelRecord(info.firstOffset() + r, records.get(r).key() == null ? null : new String(records.get(r).key()),
                        records.get(r).value() == null ? null : new String(records.get(r).value()), ts));
            }
            time.advance(10);
        }
    }

    /** The model's compaction: below the active segment, keep each key's latest, drop expired latest tombstones. */
    private void compactModel(long cleanableEndOffset, long nowMs) {
        Map<String, Long> latest = new HashMap<>();
        for (ModelRecord record : model) {
            if (record.offset() < cleanableEndOffset && record.key() != null) {
                latest.put(record.key(), record.offset());
            }
        }
        model.removeIf(record -> record.offset() < cleanableEndOffset && record.key() != null
                && (latest.get(record.key()) != record.offset()
                || (record.value() == null && nowMs - (record.batchTimestampMs() + DELETE_RETENTION_MS) >= 0)));
    }

    private void assertLogMatchesModel() {
        List<TestBatches.Decoded> stored = TestBatches.readAll(log);
        List<String> expected = model.stream().map(r -> r.offset() + ":" + r.key() + "=" + r.value()).toList();
        List<String> actual = stored.stream().map(r -> r.offset() + ":" + r.key() + "=" + r.value()).toList();
        assertEquals(expected, actual);
    }

    private long activeBase() {
        List<Long> bases = log.segmentBaseOffsets();
        return bases.get(bases.size() - 1);
    }

    @Test
    void keepsTheLatestPerKeyWithOffsetsAndDropsTombstonesOnlyAfterTheirRetention() {
        log = open(Map.of());
        Random random = new Random(7);
        appendRandom(random, 120, 25);
        assertTrue(log.segmentCount() > 5);
        long before = log.sizeInBytes();
        long leo = log.logEndOffset();

        long now = time.milliseconds();
        assertTrue(log.compact(now));
        compactModel(activeBase(), now);
        assertLogMatchesModel();
        assertTrue(log.sizeInBytes() < before, "compaction freed space");
        assertEquals(leo, log.logEndOffset(), "the end offset never moves");
        assertTrue(model.stream().anyMatch(r -> r.value() == null), "recent tombstones are still there");

        time.advance(DELETE_RETENTION_MS + 5_000);
        now = time.milliseconds();
        assertTrue(log.compactionDue(now), "an expired tombstone makes compaction due");
        log.compact(now);
        compactModel(activeBase(), now);
        assertLogMatchesModel();
        long cleanableEnd = activeBase();
        assertFalse(model.stream().anyMatch(r -> r.value() == null && r.offset() < cleanableEnd), "expired tombstones are gone");

        appendRandom(random, 60, 25);
        log.roll();
        now = time.milliseconds();
        log.compact(now);
        compactModel(activeBase(), now);
        assertLogMatchesModel();
        assertEquals(log.logEndOffset(), log.append(TestBatches.values(now, "after")).firstOffset());

        log.close();
        log = open(Map.of());
        model.add(new ModelRecord(log.logEndOffset() - 1, null, "after", now));
        assertLogMatchesModel();
    }

    @Test
    void aCompactionInterruptedMidSwapLeavesAValidLog() throws Exception {
        log = open(Map.of());
        appendRandom(new Random(5), 60, 8);
        List<TestBatches.Decoded> before = TestBatches.readAll(log);
        log.closeUncleanly();
        // the crash window of a swap: old indexes deleted, cleaned files written but not yet renamed
        java.nio.file.Path dir = tmp.resolve(TP.dirName());
        java.nio.file.Files.delete(SegmentFiles.offsetIndex(dir, 0));
        java.nio.file.Files.delete(SegmentFiles.timeIndex(dir, 0));
        java.nio.file.Files.write(SegmentFiles.withSuffix(SegmentFiles.log(dir, 0), SegmentFiles.CLEANED_SUFFIX), new byte[] {1, 2, 3});
        java.nio.file.Files.write(SegmentFiles.withSuffix(SegmentFiles.offsetIndex(dir, 0), SegmentFiles.CLEANED_SUFFIX), new byte[8]);
        log = open(Map.of());
        assertEquals(before, TestBatches.readAll(log));
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(SegmentFiles.CLEANED_SUFFIX)));
        }
        assertTrue(log.compact(time.milliseconds()));
        assertEquals(log.logEndOffset(), log.append(TestBatches.values(time.milliseconds(), "x")).firstOffset());
    }

    @Test
    void aSmallKeyMapBudgetCleansInSeveralPassesToTheSameResult() {
        log = open(Map.of());
        appendRandom(new Random(21), 150, 40);
        long now = time.milliseconds();
        long before = log.sizeInBytes();
        assertTrue(log.compact(now, 1024));
        List<String> afterOnePass = TestBatches.readAll(log).stream().map(r -> r.offset() + ":" + r.key() + "=" + r.value()).toList();
        for (int pass = 0; pass < 30; pass++) {
            assertTrue(log.compact(now, 1024));
        }
        compactModel(activeBase(), now);
        assertLogMatchesModel();
        assertTrue(log.sizeInBytes() < before);
        assertFalse(afterOnePass.equals(model.stream().map(r -> r.offset() + ":" + r.key() + "=" + r.value()).toList()),
                "one pass within the budget could not clean everything");
    }

    @Test
    void minCompactionLagProtectsRecentSegments() {
        log = open(Map.of(LogConfig.MIN_COMPACTION_LAG_MS, "100000"));
        appendRandom(new Random(3), 50, 5);
        List<TestBatches.Decoded> before = TestBatches.readAll(log);
        assertFalse(log.compact(time.milliseconds()), "every segment is younger than the lag");
        assertEquals(before, TestBatches.readAll(log));
        time.advance(100_000);
        assertTrue(log.compact(time.milliseconds()));
        assertTrue(TestBatches.readAll(log).size() < before.size());
    }

    @Test
    void appendsAndReadsContinueWhileCompactionRuns() throws Exception {
        log = open(Map.of());
        Random random = new Random(11);
        appendRandom(random, 200, 10);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long now = time.milliseconds();
        Thread compactor = new Thread(() -> {
            try {
                for (int i = 0; i < 5; i++) {
                    log.compact(now);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        compactor.start();
        List<Long> appended = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            appended.add(log.append(TestBatches.values(now, "live-" + i)).firstOffset());
            TestBatches.readAll(log);
        }
        compactor.join(30_000);
        assertFalse(compactor.isAlive());
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        Map<Long, String> byOffset = new LinkedHashMap<>();
        for (TestBatches.Decoded record : TestBatches.readAll(log)) {
            byOffset.put(record.offset(), record.value());
        }
        for (int i = 0; i < appended.size(); i++) {
            assertEquals("live-" + i, byOffset.get(appended.get(i)), "keyless records are never compacted away");
        }
    }
}
