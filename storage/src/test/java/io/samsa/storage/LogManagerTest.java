package io.samsa.storage;

import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.ManualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogManagerTest {
    @TempDir(factory = MemoryTempDirFactory.class)
    Path tmp;
    private final ManualTime time = new ManualTime();
    private final Map<String, LogConfig> topicConfigs = new HashMap<>();
    private LogManager manager;

    @AfterEach
    void shutdown() {
        if (manager != null) {
            manager.shutdown();
        }
    }

    private LogManager newManager(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                LogManagerConfig.LOG_DIRS, tmp.resolve("d1") + "," + tmp.resolve("d2"),
                LogManagerConfig.RETENTION_CHECK_INTERVAL_MS, "5000",
                LogManagerConfig.CLEANER_BACKOFF_MS, "1000"));
        props.putAll(extra);
        return new LogManager(LogManagerConfig.fromMap(props),
                topic -> topicConfigs.getOrDefault(topic, LogConfig.DEFAULT), time);
    }

    @Test
    void createsLogsAcrossDirsAndReloadsThemAfterACleanShutdown() {
        manager = newManager(Map.of());
        manager.startup(false);
        for (int p = 0; p < 4; p++) {
            PartitionLog log = manager.getOrCreateLog(new TopicPartition("orders", p));
            for (int i = 0; i <= p; i++) {
                log.append(TestBatches.values(time.milliseconds(), "p" + p + "-" + i));
            }
        }
        assertSame(manager.getLog(new TopicPartition("orders", 0)).orElseThrow(), manager.getOrCreateLog(new TopicPartition("orders", 0)));
        assertTrue(Files.isDirectory(tmp.resolve("d1").resolve("orders-0")) != Files.isDirectory(tmp.resolve("d2").resolve("orders-0")));
        long inD1 = manager.allLogs().stream().filter(l -> l.dir().getParent().equals(tmp.resolve("d1"))).count();
        assertEquals(2, inD1, "partitions spread over the log dirs");
        Path orders0 = manager.getLog(new TopicPartition("orders", 0)).orElseThrow().dir();
        manager.shutdown();
        assertTrue(Files.exists(orders0.resolve(PartitionCheckpoint.CLEAN_SHUTDOWN_FILE_NAME)), "clean shutdown marker");

        manager = newManager(Map.of());
        manager.startup(false);
        assertEquals(4, manager.allLogs().size());
        for (int p = 0; p < 4; p++) {
            PartitionLog log = manager.getLog(new TopicPartition("orders", p)).orElseThrow();
            assertEquals(p + 1, log.logEndOffset());
            assertEquals("p" + p + "-" + p, TestBatches.readAll(log).get(p).value());
        }
    }

    @Test
    void dutiesRunOnTheirIntervalOfTheInjectedClock() {
        topicConfigs.put("short", LogConfig.fromMap(Map.of(LogConfig.RETENTION_MS, "1000", LogConfig.SEGMENT_BYTES, "500",
                LogConfig.FILE_DELETE_DELAY_MS, "0")));
        manager = newManager(Map.of());
        manager.startup(false);
        PartitionLog log = manager.getOrCreateLog(new TopicPartition("short", 0));
        for (int i = 0; i < 5; i++) {
            log.append(TestBatches.ofSize(300, 1, time.milliseconds()));
        }
        assertEquals(5, log.segmentCount());
        time.advance(4999);
        manager.tick();
        assertEquals(5, log.segmentCount(), "retention check interval not reached");
        time.advance(1);
        manager.tick();
        assertEquals(1, log.segmentCount());
        assertEquals(5, log.logStartOffset());
    }

    @Test
    void compactionRunsForDueCompactedTopics() {
        topicConfigs.put("compacted", LogConfig.fromMap(Map.of(LogConfig.CLEANUP_POLICY, "compact", LogConfig.SEGMENT_BYTES, "400")));
        manager = newManager(Map.of());
        manager.startup(false);
        PartitionLog log = manager.getOrCreateLog(new TopicPartition("compacted", 0));
        for (int i = 0; i < 30; i++) {
            log.append(TestBatches.batch(java.util.List.of(TestBatches.Rec.of("k" + (i % 3), "v" + i, time.milliseconds()))));
        }
        assertEquals(1, manager.runCompaction(time.milliseconds()));
        assertEquals(0, manager.runCompaction(time.milliseconds()), "nothing dirty any more");
        long keptBelowActive = TestBatches.readAll(log).stream()
                .filter(r -> r.offset() < log.segmentBaseOffsets().get(log.segmentCount() - 1)).count();
        assertTrue(keptBelowActive <= 3, "at most one record per key below the active segment: " + keptBelowActive);
    }

    @Test
    void flushMsAndCheckpointsFollowTheClock() {
        topicConfigs.put("lazy", LogConfig.fromMap(Map.of(LogConfig.FLUSH_MS, "1000")));
        manager = newManager(Map.of(LogManagerConfig.FLUSH_SCHEDULER_INTERVAL_MS, "100",
                LogManagerConfig.FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS, "2000"));
        manager.startup(false);
        PartitionLog log = manager.getOrCreateLog(new TopicPartition("lazy", 0));
        time.advance(10);
        log.append(TestBatches.values(time.milliseconds(), "a", "b"));
        assertEquals(0, log.recoveryPoint());
        time.advance(500);
        manager.tick();
        assertEquals(0, log.recoveryPoint(), "flush.ms not reached");
        time.advance(500);
        manager.tick();
        assertEquals(2, log.recoveryPoint(), "flushed by flush.ms");
        assertEquals(0, new PartitionCheckpoint(log.dir()).read()[0], "checkpoint interval not reached");
        time.advance(1000);
        manager.tick();
        assertEquals(2, new PartitionCheckpoint(log.dir()).read()[0], "recovery point checkpointed");
    }

    @Test
    void startupRemovesLeftoverDeletedDirsAndSkipsStrangers() throws Exception {
        Path leftover = tmp.resolve("d1").resolve("old-0.1700000000000-delete");
        Files.createDirectories(leftover);
        Files.write(leftover.resolve("00000000000000000000.log"), new byte[] {1, 2, 3});
        Files.createDirectories(tmp.resolve("d2").resolve("lost+found"));
        manager = newManager(Map.of());
        manager.startup(false);
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(tmp.resolve("d2").resolve("lost+found")));
        assertTrue(manager.allLogs().isEmpty());
    }

    @Test
    void deleteLogRemovesItsDirectory() {
        manager = newManager(Map.of());
        manager.startup(false);
        PartitionLog log = manager.getOrCreateLog(new TopicPartition("gone", 0));
        log.append(TestBatches.values(time.milliseconds(), "x"));
        Path dir = log.dir();
        assertTrue(manager.deleteLog(new TopicPartition("gone", 0)));
        assertFalse(Files.exists(dir));
        assertTrue(manager.getLog(new TopicPartition("gone", 0)).isEmpty());
        assertFalse(manager.deleteLog(new TopicPartition("gone", 0)));
    }

    @Test
    void schedulerThreadsDriveTheDutiesAndStopAtShutdown() {
        topicConfigs.put("bg", LogConfig.fromMap(Map.of(LogConfig.RETENTION_MS, "10", LogConfig.SEGMENT_BYTES, "500")));
        manager = newManager(Map.of(LogManagerConfig.SCHEDULER_TICK_MS, "5"));
        manager.startup();
        PartitionLog log = manager.getOrCreateLog(new TopicPartition("bg", 0));
        for (int i = 0; i < 3; i++) {
            log.append(TestBatches.ofSize(300, 1, time.milliseconds()));
        }
        time.advance(10_000);
        Await.until(Duration.ofSeconds(10), "background retention", () -> log.logStartOffset() == 3);
        manager.shutdown();
        manager = null;
        Await.until(Duration.ofSeconds(10), "scheduler threads gone",
                () -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("samsa-log-scheduler")));
    }
}
