package io.samsa.storage;

import io.samsa.protocol.util.ManualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionTest {
    private static final TopicPartition TP = new TopicPartition("ret", 0);

    @TempDir(factory = MemoryTempDirFactory.class)
    Path tmp;
    private final ManualTime time = new ManualTime();
    private PartitionLog log;

    @AfterEach
    void close() {
        if (log != null) {
            log.closeUncleanly();
        }
    }

    private PartitionLog open(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(LogConfig.SEGMENT_BYTES, "1000", LogConfig.FILE_DELETE_DELAY_MS, "500"));
        props.putAll(extra);
        return PartitionLog.open(tmp.resolve(TP.dirName()), TP, LogConfig.fromMap(props), time);
    }

    @Test
    void retentionMsDeletesOldSegmentsByTheirNewestTimestampAndRollsTheActiveOne() throws Exception {
        log = open(Map.of(LogConfig.RETENTION_MS, "10000"));
        for (int i = 0; i < 6; i++) {
            log.append(TestBatches.ofSize(400, 1, time.milliseconds()));
            time.advance(3000);
        }
        assertEquals(List.of(0L, 2L, 4L), log.segmentBaseOffsets());
        // segment 0 newest at t0+3000, segment 2 at t0+9000, segment 4 at t0+15000; now t0+18000
        assertEquals(1, log.deleteExpiredSegments(time.milliseconds()));
        assertEquals(2, log.logStartOffset());
        assertEquals(List.of(2L, 4L), log.segmentBaseOffsets());
        time.advance(1000);
        assertEquals(0, log.deleteExpiredSegments(time.milliseconds()), "exactly retention.ms old is kept");
        time.advance(1);
        assertEquals(1, log.deleteExpiredSegments(time.milliseconds()));
        assertEquals(List.of(4L), log.segmentBaseOffsets());
        time.advance(100_000);
        assertEquals(1, log.deleteExpiredSegments(time.milliseconds()), "even the active segment expires, after a roll");
        assertEquals(List.of(6L), log.segmentBaseOffsets());
        assertEquals(6, log.logStartOffset());
        assertEquals(6, log.logEndOffset());
        assertEquals(6, log.append(TestBatches.values(time.milliseconds(), "x")).firstOffset());

        // deleted files linger under .deleted for file.delete.delay.ms so open slices stay readable
        assertEquals(3, countFiles(".log.deleted"));
        log.runPendingDeletes(time.milliseconds() + 499);
        assertEquals(1, countFiles(".log.deleted"), "only the latest deletion is still within its delay");
        log.runPendingDeletes(time.milliseconds() + 500);
        assertEquals(0, countFiles(".log.deleted"));
    }

    private long countFiles(String suffix) throws Exception {
        try (Stream<Path> files = Files.list(log.dir())) {
            return files.filter(p -> p.toString().endsWith(suffix)).count();
        }
    }

    @Test
    void retentionBytesKeepsTheLogAtOrAboveTheLimit() {
        log = open(Map.of(LogConfig.RETENTION_BYTES, "2000", LogConfig.RETENTION_MS, "-1"));
        for (int i = 0; i < 10; i++) {
            log.append(TestBatches.ofSize(400, 1, time.milliseconds()));
        }
        assertEquals(4000, log.sizeInBytes());
        assertEquals(2, log.deleteExpiredSegments(time.milliseconds()));
        assertEquals(2400, log.sizeInBytes());
        assertEquals(4, log.logStartOffset());
        time.advance(365L * 24 * 3600 * 1000);
        assertEquals(0, log.deleteExpiredSegments(time.milliseconds()), "retention.ms=-1 keeps forever");
    }

    @Test
    void compactOnlyTopicsIgnoreTimeAndSizeRetention() {
        log = open(Map.of(LogConfig.CLEANUP_POLICY, "compact", LogConfig.RETENTION_MS, "1", LogConfig.RETENTION_BYTES, "1"));
        for (int i = 0; i < 6; i++) {
            log.append(TestBatches.ofSize(400, 1, time.milliseconds()));
        }
        time.advance(10_000);
        assertEquals(0, log.deleteExpiredSegments(time.milliseconds()));
        log.updateConfig(log.config().with(Map.of(LogConfig.CLEANUP_POLICY, "compact,delete")));
        assertTrue(log.deleteExpiredSegments(time.milliseconds()) > 0);
        assertFalse(log.segmentBaseOffsets().contains(0L));
    }

    @Test
    void aSliceOverADeletedSegmentStaysReadableUntilTheDelayPasses() throws Exception {
        log = open(Map.of(LogConfig.RETENTION_MS, "10"));
        for (int i = 0; i < 4; i++) {
            log.append(TestBatches.values(time.milliseconds(), "v" + i, "x".repeat(500)));
        }
        FileSlice slice = log.read(0, 100);
        time.advance(1000);
        log.deleteExpiredSegments(time.milliseconds());
        assertEquals("v0", TestBatches.decode(slice.readAll().buffer()).get(0).value());
        log.runPendingDeletes(time.milliseconds() + 1000);
        assertFalse(slice.channel().isOpen());
    }
}
