package io.samsa.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.util.ManualTime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replication side of a partition log: leader epochs, follower appends, truncation, high watermark. */
class ReplicaLogTest {
    private static final TopicPartition TP = new TopicPartition("replicated", 0);

    @TempDir
    Path tmp;
    private final ManualTime time = new ManualTime();
    private final List<PartitionLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() {
        opened.forEach(PartitionLog::closeUncleanly);
    }

    private PartitionLog open(String name, Map<String, String> props) {
        PartitionLog log = PartitionLog.open(tmp.resolve(name).resolve(TP.dirName()), TP, LogConfig.fromMap(props), time);
        opened.add(log);
        return log;
    }

    private static List<ByteBuffer> batchesOf(PartitionLog log) {
        List<ByteBuffer> out = new ArrayList<>();
        Iterator<RecordBatch> batches = log.batchesFrom(log.logStartOffset());
        while (batches.hasNext()) {
            RecordBatch batch = batches.next();
            ByteBuffer view = batch.buffer().duplicate();
            view.limit(batch.start() + batch.sizeInBytes()).position(batch.start());
            out.add(view.slice());
        }
        return out;
    }

    private static MemoryRecords copyOf(List<ByteBuffer> batches) {
        int size = batches.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        batches.forEach(b -> all.put(b.duplicate()));
        return new MemoryRecords(all.flip());
    }

    @Test
    void leaderAppendsStampTheEpochWithoutTouchingTheCrc() {
        PartitionLog log = open("a", Map.of());
        MemoryRecords records = TestBatches.values(time.milliseconds(), "x", "y");
        long crc = records.iterator().next().checksum();
        log.appendAsLeader(records, 7);
        RecordBatch stored = log.batchesFrom(0).next();
        assertEquals(7, stored.partitionLeaderEpoch());
        assertEquals(crc, stored.checksum());
        assertEquals(2, TestBatches.decode(batchesOf(log).get(0)).size(), "Kafka's parser accepts the CRC");
        assertEquals(List.of(new EpochEntry(7, 0)), log.leaderEpochCache().entries());
    }

    @Test
    void followerAppendKeepsTheLeadersOffsetsAndEpochsByteForByte() {
        PartitionLog leader = open("leader", Map.of());
        leader.appendAsLeader(TestBatches.values(1, "a", "b"), 1);
        leader.appendAsLeader(TestBatches.values(2, "c"), 1);
        leader.appendAsLeader(TestBatches.values(3, "d", "e", "f"), 4);
        PartitionLog follower = open("follower", Map.of());
        List<ByteBuffer> leaderBatches = batchesOf(leader);
        follower.appendAsFollower(copyOf(leaderBatches.subList(0, 2)));
        follower.appendAsFollower(copyOf(leaderBatches.subList(2, 3)));
        assertEquals(6, follower.logEndOffset());
        assertEquals(leader.leaderEpochCache().entries(), follower.leaderEpochCache().entries());
        List<ByteBuffer> followerBatches = batchesOf(follower);
        for (int i = 0; i < leaderBatches.size(); i++) {
            assertEquals(leaderBatches.get(i), followerBatches.get(i), "batch " + i);
        }
    }

    @Test
    void followerAppendRefusesOffsetsOrEpochsGoingBack() {
        PartitionLog leader = open("leader", Map.of());
        leader.appendAsLeader(TestBatches.values(1, "a", "b"), 2);
        List<ByteBuffer> batches = batchesOf(leader);
        PartitionLog follower = open("follower", Map.of());
        follower.appendAsFollower(copyOf(batches));
        assertThrows(InvalidAppendOffsetException.class, () -> follower.appendAsFollower(copyOf(batches)));
        assertEquals(2, follower.logEndOffset(), "nothing written");

        PartitionLog older = open("older", Map.of());
        older.appendAsLeader(TestBatches.values(1, "a", "b", "c"), 1);
        ByteBuffer olderEpochBatch = batchesOf(older).get(0);
        new RecordBatch(olderEpochBatch, 0).setBaseOffset(2);
        assertThrows(InvalidAppendOffsetException.class,
                () -> follower.appendAsFollower(new MemoryRecords(olderEpochBatch)));
    }

    @Test
    void truncateToRemovesBatchesSegmentsIndexesAndEpochs() {
        PartitionLog log = open("a", Map.of(LogConfig.SEGMENT_BYTES, "200", LogConfig.INDEX_INTERVAL_BYTES, "1"));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(TestBatches.values(i, "value-" + i), i < 5 ? 1 : 2);
        }
        assertTrue(log.segmentCount() > 2);
        log.updateHighWatermark(9);
        assertTrue(log.truncateTo(4));
        assertEquals(4, log.logEndOffset());
        assertEquals(4, log.highWatermark(), "high watermark clamped");
        assertEquals(List.of(new EpochEntry(1, 0)), log.leaderEpochCache().entries());
        assertEquals(4, TestBatches.readAll(log).size());
        // the log appends on from the cut, and reads by offset still work through the rebuilt indexes
        log.appendAsLeader(TestBatches.values(99, "after"), 3);
        assertTrue(log.read(4, 1000).sizeInBytes() > 0);
        assertEquals("after", TestBatches.readAll(log).get(4).value());
        assertEquals(List.of(new EpochEntry(1, 0), new EpochEntry(3, 4)), log.leaderEpochCache().entries());
        assertFalse(log.truncateTo(100), "beyond the end: nothing to do");
    }

    @Test
    void truncationSurvivesACrashAndARestart() {
        Map<String, String> props = Map.of(LogConfig.SEGMENT_BYTES, "200");
        PartitionLog log = open("a", props);
        for (int i = 0; i < 8; i++) {
            log.appendAsLeader(TestBatches.values(i, "v" + i), i < 6 ? 1 : 2);
        }
        log.flush();
        log.truncateTo(5);
        log.closeUncleanly();
        opened.remove(log);
        PartitionLog reopened = open("a", props);
        assertEquals(5, reopened.logEndOffset());
        assertEquals(5, TestBatches.readAll(reopened).size());
        assertEquals(List.of(new EpochEntry(1, 0)), reopened.leaderEpochCache().entries());
    }

    @Test
    void truncateFullyRestartsTheLogAtTheLeadersStart() {
        PartitionLog log = open("a", Map.of());
        log.appendAsLeader(TestBatches.values(1, "a", "b"), 1);
        log.truncateFullyAndStartAt(100);
        assertEquals(100, log.logStartOffset());
        assertEquals(100, log.logEndOffset());
        assertEquals(100, log.highWatermark());
        assertEquals(List.of(), log.leaderEpochCache().entries());
        PartitionLog leader = open("leader", Map.of());
        leader.truncateFullyAndStartAt(100);
        leader.appendAsLeader(TestBatches.values(2, "c"), 2);
        log.appendAsFollower(copyOf(batchesOf(leader)));
        assertEquals(101, log.logEndOffset());
        assertEquals(List.of(new EpochEntry(2, 100)), log.leaderEpochCache().entries());
    }

    @Test
    void anEpochCacheAheadOfTheLogIsClampedOnOpen() throws IOException {
        PartitionLog log = open("a", Map.of());
        log.appendAsLeader(TestBatches.values(1, "a", "b"), 1);
        log.close();
        opened.remove(log);
        // as if the log lost its tail in a crash after the epoch file was written
        Files.writeString(log.dir().resolve(LeaderEpochCache.FILE_NAME), "0\n2\n1 0\n5 2\n");
        PartitionLog reopened = open("a", Map.of());
        assertEquals(List.of(new EpochEntry(1, 0)), reopened.leaderEpochCache().entries());
    }

    @Test
    void readStopsAtTheBoundAtBatchBoundaries() {
        PartitionLog log = open("a", Map.of());
        log.append(TestBatches.values(1, "a", "b"));
        log.append(TestBatches.values(2, "c"));
        log.append(TestBatches.values(3, "d"));
        int firstTwo = batchesOf(log).get(0).remaining() + batchesOf(log).get(1).remaining();
        assertEquals(firstTwo, log.read(0, 1 << 20, 3).sizeInBytes());
        assertEquals(0, log.read(3, 1 << 20, 3).sizeInBytes(), "at the bound: nothing");
        assertEquals(0, log.read(0, 1 << 20, 0).sizeInBytes());
        assertEquals(log.sizeInBytes(), log.read(0, 1 << 20, Long.MAX_VALUE).sizeInBytes());
    }

    @Test
    void highWatermarksAreCheckpointedPerLogDirAndClampedOnRecovery() throws IOException {
        Path dataDir = tmp.resolve("data");
        LogManagerConfig config = LogManagerConfig.fromMap(Map.of(LogManagerConfig.LOG_DIRS, dataDir.toString()));
        LogManager manager = new LogManager(config, topic -> LogConfig.DEFAULT, time);
        manager.startup(false);
        PartitionLog log = manager.getOrCreateLog(TP);
        log.append(TestBatches.values(1, "a", "b", "c"));
        log.updateHighWatermark(2);
        manager.runCheckpoints();
        assertEquals("0\n1\nreplicated 0 2\n", Files.readString(dataDir.resolve(HighWatermarkCheckpoint.FILE_NAME)));
        manager.shutdown();

        LogManager restarted = new LogManager(config, topic -> LogConfig.DEFAULT, time);
        restarted.startup(false);
        assertEquals(2, restarted.getLog(TP).orElseThrow().highWatermark());
        restarted.shutdown();

        Files.writeString(dataDir.resolve(HighWatermarkCheckpoint.FILE_NAME), "0\n1\nreplicated 0 50\n");
        LogManager clamped = new LogManager(config, topic -> LogConfig.DEFAULT, time);
        clamped.startup(false);
        assertEquals(3, clamped.getLog(TP).orElseThrow().highWatermark(), "clamped to the log end");
        clamped.shutdown();
    }

    @Test
    void minInsyncReplicasIsATopicConfig() {
        assertEquals(1, LogConfig.DEFAULT.minInsyncReplicas());
        assertEquals(2, LogConfig.fromMap(Map.of(LogConfig.MIN_INSYNC_REPLICAS, "2")).minInsyncReplicas());
        assertThrows(ConfigException.class, () -> LogConfig.fromMap(Map.of(LogConfig.MIN_INSYNC_REPLICAS, "0")));
        assertEquals(2, BrokerLogDefaults.fromBrokerConfig(Map.of("min.insync.replicas", "2")).minInsyncReplicas());
    }
}
