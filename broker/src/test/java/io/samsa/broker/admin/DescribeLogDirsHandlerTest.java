package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeLogDirsRequest;
import io.samsa.protocol.message.DescribeLogDirsRequest.DescribableLogDirTopic;
import io.samsa.protocol.message.DescribeLogDirsResponse;
import io.samsa.protocol.message.DescribeLogDirsResponse.DescribeLogDirsResult;
import io.samsa.protocol.util.ManualTime;
import io.samsa.storage.LogConfig;
import io.samsa.storage.LogManager;
import io.samsa.storage.LogManagerConfig;
import io.samsa.storage.TopicPartition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeLogDirsHandlerTest {
    @TempDir
    Path root;
    private Path dir;
    private LogManager logs;

    @BeforeEach
    void open() {
        dir = root.resolve("data");
        logs = new LogManager(LogManagerConfig.fromMap(Map.of("log.dirs", dir.toString())), topic -> LogConfig.DEFAULT, new ManualTime());
        logs.startup(false);
        logs.getOrCreateLog(new TopicPartition("a", 0));
        logs.getOrCreateLog(new TopicPartition("a", 1));
        logs.getOrCreateLog(new TopicPartition("b", 0));
    }

    @AfterEach
    void close() {
        logs.close();
    }

    @Test
    void nullTopicsDescribesEveryPartitionSortedWithSizesAndNoLag() {
        DescribeLogDirsResponse response = handler(List.of(dir), ReplicaHighWatermark.SINGLE_NODE)
                .handle(new DescribeLogDirsRequest().setTopics(null), (short) 4);
        assertEquals(ErrorCode.NONE.code(), response.errorCode());
        DescribeLogDirsResult result = response.results().get(0);
        assertEquals(dir.toAbsolutePath().toString(), result.logDir());
        assertEquals(ErrorCode.NONE.code(), result.errorCode());
        assertEquals(List.of("a", "b"), result.topics().stream().map(t -> t.name()).toList());
        assertEquals(List.of(0, 1), result.topics().get(0).partitions().stream().map(p -> p.partitionIndex()).toList());
        result.topics().forEach(topic -> topic.partitions().forEach(partition -> {
            assertEquals(0, partition.partitionSize(), "empty logs");
            assertEquals(0, partition.offsetLag());
            assertFalse(partition.isFutureKey());
        }));
        assertTrue(result.totalBytes() > 0);
        assertTrue(result.usableBytes() >= 0 && result.usableBytes() <= result.totalBytes());
    }

    @Test
    void namedTopicsAreFilteredAndUnknownOnesAbsent() {
        DescribeLogDirsResponse response = handler(List.of(dir), ReplicaHighWatermark.SINGLE_NODE)
                .handle(new DescribeLogDirsRequest().setTopics(List.of(
                        new DescribableLogDirTopic().setTopic("a").setPartitions(List.of(1, 7)),
                        new DescribableLogDirTopic().setTopic("nope").setPartitions(List.of(0)))), (short) 4);
        DescribeLogDirsResult result = response.results().get(0);
        assertEquals(1, result.topics().size());
        assertEquals("a", result.topics().get(0).name());
        assertEquals(List.of(1), result.topics().get(0).partitions().stream().map(p -> p.partitionIndex()).toList());

        DescribeLogDirsResponse none = handler(List.of(dir), ReplicaHighWatermark.SINGLE_NODE)
                .handle(new DescribeLogDirsRequest().setTopics(List.of()), (short) 4);
        assertTrue(none.results().get(0).topics().isEmpty(), "an empty list asks for nothing");
    }

    @Test
    void lagIsTheReferenceOffsetMinusTheLogEndAndNeverNegative() {
        DescribeLogDirsResponse behind = handler(List.of(dir), log -> log.logEndOffset() + 5)
                .handle(new DescribeLogDirsRequest().setTopics(null), (short) 4);
        assertEquals(5, behind.results().get(0).topics().get(0).partitions().get(0).offsetLag());
        DescribeLogDirsResponse ahead = handler(List.of(dir), log -> log.logEndOffset() - 5)
                .handle(new DescribeLogDirsRequest().setTopics(null), (short) 4);
        assertEquals(0, ahead.results().get(0).topics().get(0).partitions().get(0).offsetLag());
    }

    @Test
    void aDirThatCannotBeReadIsStorageErrorWithNoTopics() throws Exception {
        Path notADir = Files.writeString(root.resolve("file"), "x");
        Path missing = root.resolve("missing");
        DescribeLogDirsResponse response = handler(List.of(dir, notADir, missing), ReplicaHighWatermark.SINGLE_NODE)
                .handle(new DescribeLogDirsRequest().setTopics(null), (short) 4);
        assertEquals(3, response.results().size());
        assertEquals(ErrorCode.NONE.code(), response.results().get(0).errorCode());
        for (DescribeLogDirsResult failed : response.results().subList(1, 3)) {
            assertEquals(ErrorCode.KAFKA_STORAGE_ERROR.code(), failed.errorCode(), failed.logDir());
            assertTrue(failed.topics().isEmpty());
            assertEquals(-1, failed.totalBytes());
            assertEquals(-1, failed.usableBytes());
        }
    }

    private DescribeLogDirsHandler handler(List<Path> dirs, ReplicaHighWatermark highWatermark) {
        return new DescribeLogDirsHandler(dirs, () -> logs, highWatermark);
    }
}
