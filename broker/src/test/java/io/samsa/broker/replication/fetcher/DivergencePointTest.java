package io.samsa.broker.replication.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.util.ManualTime;
import io.samsa.storage.EpochEndOffset;
import io.samsa.storage.LogConfig;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KIP-101/KIP-279 truncation points, round by round, on a follower log with known epochs. */
class DivergencePointTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;
    private PartitionLog log;

    @AfterEach
    void close() {
        log.close();
    }

    /** A follower log: epoch 1 at offsets 0..7, epoch 3 at 8..11. */
    private PartitionLog followerLog() {
        log = PartitionLog.open(dir.resolve(TP.dirName()), TP, LogConfig.DEFAULT, new ManualTime());
        append(8, 1);
        append(4, 3);
        return log;
    }

    private void append(int records, int epoch) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE);
        for (int i = 0; i < records; i++) {
            builder.append(0, null, new byte[] {(byte) i});
        }
        log.appendAsLeader(new MemoryRecords(builder.build()), epoch);
    }

    @Test
    void theLeaderKnowsTheEpochSoTheLogsAgreeUpToItsEnd() {
        followerLog();
        assertEquals(new DivergencePoint(10, true), DivergencePoint.of(log, 3, new EpochEndOffset(3, 10)));
        assertEquals(new DivergencePoint(12, true), DivergencePoint.of(log, 3, new EpochEndOffset(3, 20)),
                "never above the follower's own end");
    }

    @Test
    void anOlderEpochFromTheLeaderTakesRoundsUntilBothAgree() {
        followerLog();
        // leader: epoch 0 at 0..9, epoch 2 from 10. Asked about 3, it answers epoch 2 ending at its end.
        DivergencePoint first = DivergencePoint.of(log, 3, new EpochEndOffset(2, 15));
        assertEquals(new DivergencePoint(8, false), first, "cut where this log's epoch 3 starts; epoch 1 is not the leader's");
        log.truncateTo(first.truncateTo());
        // asked about 1 (now the latest), the leader answers epoch 0 ending at 10: nothing of epoch 1 is shared
        DivergencePoint second = DivergencePoint.of(log, 1, new EpochEndOffset(0, 10));
        assertEquals(new DivergencePoint(0, true), second);
    }

    @Test
    void withoutAnyEpochTheHighWatermarkIsTheFallback() {
        followerLog();
        log.updateHighWatermark(6);
        assertEquals(new DivergencePoint(6, true), DivergencePoint.of(log, 3, EpochEndOffset.UNDEFINED));
    }
}
