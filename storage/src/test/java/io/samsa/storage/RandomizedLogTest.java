package io.samsa.storage;

import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.util.ManualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random operations (appends, rolls, reads by offset and time, retention, DeleteRecords,
 * clean and unclean reopen) checked step by step against an in-memory model of the records.
 */
class RandomizedLogTest {
    private static final TopicPartition TP = new TopicPartition("random", 1);
    private static final long RETENTION_MS = 5_000;

    @TempDir(factory = MemoryTempDirFactory.class)
    Path tmp;

    private record ModelRecord(long offset, String value, long timestampMs) {
    }

    private int deletedSegments;
    private int reopens;

    @Test
    void randomOperationsMatchTheModel() throws IOException {
        for (long seed = 1; seed <= 4; seed++) {
            run(seed, tmp.resolve("seed-" + seed));
        }
        assertTrue(deletedSegments > 0 && reopens > 0, "retention and reopen were exercised: " + deletedSegments + ", " + reopens);
    }

    private void run(long seed, Path dir) throws IOException {
        Random random = new Random(seed);
        ManualTime time = new ManualTime();
        LogConfig config = LogConfig.fromMap(Map.of(
                LogConfig.SEGMENT_BYTES, String.valueOf(500 + random.nextInt(1500)),
                LogConfig.INDEX_INTERVAL_BYTES, String.valueOf(random.nextInt(300)),
                LogConfig.SEGMENT_INDEX_BYTES, "240",
                LogConfig.SEGMENT_MS, "3000",
                LogConfig.RETENTION_MS, String.valueOf(RETENTION_MS),
                LogConfig.FILE_DELETE_DELAY_MS, "0"));
        List<ModelRecord> model = new ArrayList<>();
        long logStart = 0;
        PartitionLog log = PartitionLog.open(dir, TP, config, time);
        try {
            for (int step = 0; step < 600; step++) {
                int op = random.nextInt(100);
                if (op < 50) {
                    int count = 1 + random.nextInt(5);
                    List<TestBatches.Rec> records = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        records.add(TestBatches.Rec.of(null, "s" + step + "r" + i + "x".repeat(random.nextInt(60)),
                                time.milliseconds() - random.nextInt(50)));
                    }
                    AppendInfo info = log.append(TestBatches.batch(records));
                    assertEquals(model.isEmpty() ? logStart : model.get(model.size() - 1).offset() + 1, info.firstOffset());
                    for (int i = 0; i < count; i++) {
                        model.add(new ModelRecord(info.firstOffset() + i, new String(records.get(i).value()), records.get(i).timestampMs()));
                    }
                } else if (op < 60) {
                    time.advance(random.nextInt(800));
                } else if (op < 63) {
                    log.roll();
                } else if (op < 78) {
                    checkReadByOffset(log, model, random, logStart);
                } else if (op < 88) {
                    checkReadByTime(log, model, random, logStart);
                } else if (op < 93) {
                    long nowMs = time.milliseconds();
                    List<Long> bases = log.segmentBaseOffsets();
                    long expectedStart = expectedStartAfterRetention(bases, model, logStart, nowMs, log.logEndOffset());
                    deletedSegments += log.deleteExpiredSegments(nowMs);
                    logStart = Math.max(logStart, expectedStart);
                    assertEquals(logStart, log.logStartOffset(), "retention at step " + step);
                } else if (op < 96) {
                    long end = log.logEndOffset();
                    long target = logStart + (end > logStart ? random.nextInt((int) (end - logStart) + 1) : 0);
                    logStart = Math.max(logStart, target);
                    assertEquals(logStart, log.deleteRecordsBefore(target));
                } else {
                    boolean clean = random.nextBoolean();
                    if (clean) {
                        log.close();
                    } else {
                        log.closeUncleanly();
                    }
                    log = PartitionLog.open(dir, TP, config, time);
                    reopens++;
                }
                final long start = logStart;
                model.removeIf(r -> r.offset() < start);
                assertEquals(start, log.logStartOffset());
                assertEquals(model.isEmpty() ? log.logEndOffset() : model.get(model.size() - 1).offset() + 1, log.logEndOffset());
            }
            final long start = logStart;
            List<TestBatches.Decoded> all = TestBatches.readAll(log);
            assertEquals(model.stream().map(r -> r.offset() + "=" + r.value()).toList(),
                    all.stream().filter(r -> r.offset() >= start).map(r -> r.offset() + "=" + r.value()).toList());
        } finally {
            log.closeUncleanly();
        }
    }

    private static long expectedStartAfterRetention(List<Long> bases, List<ModelRecord> model, long logStart, long nowMs, long logEndOffset) {
        long start = logStart;
        for (int i = 0; i < bases.size(); i++) {
            long from = bases.get(i);
            long to = i + 1 < bases.size() ? bases.get(i + 1) : logEndOffset;
            if (from == to) {
                break;
            }
            long maxTs = model.stream().filter(r -> r.offset() >= from && r.offset() < to)
                    .mapToLong(ModelRecord::timestampMs).max().orElse(Long.MAX_VALUE);
            if (nowMs - maxTs <= RETENTION_MS) {
                break;
            }
            start = Math.max(start, to);
        }
        return start;
    }

    private static void checkReadByOffset(PartitionLog log, List<ModelRecord> model, Random random, long logStart) throws IOException {
        long end = log.logEndOffset();
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(end + 1, 100));
        if (logStart > 0) {
            assertThrows(OffsetOutOfRangeException.class, () -> log.read(logStart - 1, 100));
        }
        assertTrue(log.read(end, 100).isEmpty());
        if (end == logStart) {
            return;
        }
        long offset = logStart + random.nextInt((int) (end - logStart));
        int maxBytes = random.nextInt(2000);
        FileSlice slice = log.read(offset, maxBytes);
        assertFalse(slice.isEmpty());
        List<RecordBatch> batches = new ArrayList<>();
        slice.readAll().forEach(batches::add);
        assertTrue(batches.get(0).baseOffset() <= offset && batches.get(0).lastOffset() >= offset, "first batch holds the offset");
        assertTrue(batches.size() == 1 || slice.sizeInBytes() <= maxBytes, "over budget only for a single batch");
        int total = batches.stream().mapToInt(RecordBatch::sizeInBytes).sum();
        assertEquals(slice.sizeInBytes(), total, "whole batches only");
        List<TestBatches.Decoded> records = TestBatches.decode(slice.readAll().buffer());
        for (TestBatches.Decoded record : records) {
            if (record.offset() < logStart) {
                continue;
            }
            ModelRecord expected = model.stream().filter(r -> r.offset() == record.offset()).findFirst().orElseThrow();
            assertEquals(expected.value(), record.value());
        }
    }

    private static void checkReadByTime(PartitionLog log, List<ModelRecord> model, Random random, long logStart) {
        if (model.isEmpty()) {
            return;
        }
        long minTs = model.stream().mapToLong(ModelRecord::timestampMs).min().orElseThrow();
        long maxTs = model.stream().mapToLong(ModelRecord::timestampMs).max().orElseThrow();
        long target = minTs - 10 + (long) (random.nextDouble() * (maxTs - minTs + 20));
        Optional<ModelRecord> expected = model.stream().filter(r -> r.offset() >= logStart && r.timestampMs() >= target).findFirst();
        Optional<TimestampAndOffset> actual = log.offsetForTimestamp(target);
        assertEquals(expected.map(r -> new TimestampAndOffset(r.timestampMs(), r.offset())), actual, "timestamp " + target);
        Optional<ModelRecord> max = model.stream().filter(r -> r.offset() >= logStart)
                .reduce((a, b) -> b.timestampMs() > a.timestampMs() ? b : a);
        if (max.isPresent() && max.get().timestampMs() == maxTs) {
            assertEquals(new TimestampAndOffset(max.get().timestampMs(), max.get().offset()), log.maxTimestampOffset().orElseThrow());
        }
    }
}
