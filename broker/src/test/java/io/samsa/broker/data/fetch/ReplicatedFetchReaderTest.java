package io.samsa.broker.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.broker.data.partitions.PartitionLookup;
import io.samsa.broker.replication.AlterPartitionSender;
import io.samsa.broker.replication.PartitionRole;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.broker.replication.ReplicationConfig;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchResponse.PartitionData;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.util.ManualTime;
import io.samsa.storage.LogConfig;
import io.samsa.storage.LogManager;
import io.samsa.storage.LogManagerConfig;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetch on a replicated partition: leader-only, epoch-checked, consumers bounded by the high watermark. */
class ReplicatedFetchReaderTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime();
    private LogManager logs;
    private ReplicaManager replicas;
    private FetchReader reader;

    @BeforeEach
    void setUp() {
        logs = new LogManager(LogManagerConfig.fromMap(Map.of(LogManagerConfig.LOG_DIRS, dir.toString())), topic -> LogConfig.DEFAULT, time);
        logs.startup(false);
        replicas = new ReplicaManager(ReplicationConfig.defaults(1), time, () -> logs, AlterPartitionSender.NONE);
        reader = new FetchReader(new PartitionLookup(() -> logs), 1 << 20, replicas, time);
    }

    @AfterEach
    void tearDown() {
        logs.shutdown();
    }

    private static void append(ReplicatedPartition partition, int records) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE);
        for (int i = 0; i < records; i++) {
            builder.append(0, null, new byte[] {(byte) i});
        }
        partition.log().appendAsLeader(new MemoryRecords(builder.build()), partition.leaderEpoch());
        partition.onLeaderAppend();
    }

    private PartitionData fetch(int replicaId, long offset, int currentLeaderEpoch) {
        FetchRequest request = new FetchRequest().setReplicaId(replicaId).setMaxBytes(1 << 20)
                .setTopics(new ArrayList<>(List.of(new FetchRequest.FetchTopic().setTopic(TP.topic()).setPartitions(
                        new ArrayList<>(List.of(new FetchRequest.FetchPartition().setPartition(0).setFetchOffset(offset)
                                .setCurrentLeaderEpoch(currentLeaderEpoch).setPartitionMaxBytes(1 << 20)))))));
        return reader.read(request, (short) 12).response().responses().get(0).partitions().get(0);
    }

    @Test
    void consumersReadBelowTheHighWatermarkAndFollowersToTheEnd() {
        ReplicatedPartition leader = replicas.applyRole(TP, new PartitionRole(3, 1, List.of(1, 2), List.of(1, 2), 3));
        append(leader, 4);
        PartitionLog log = leader.log();
        PartitionData consumer = fetch(-1, 0, 3);
        assertEquals(0, consumer.records().sizeInBytes(), "nothing is committed yet");
        assertEquals(0, consumer.highWatermark());

        PartitionData follower = fetch(2, 0, 3);
        assertEquals(log.sizeInBytes(), follower.records().sizeInBytes(), "a follower reads to the log end");
        assertEquals(0, follower.highWatermark());
        follower = fetch(2, 4, 3); // its next fetch says it has everything
        assertEquals(4, follower.highWatermark());
        assertEquals(4, leader.followerLogEndOffset(2));

        append(leader, 2);
        consumer = fetch(-1, 0, -1);
        assertEquals(ErrorCode.NONE.code(), consumer.errorCode());
        assertEquals(4, consumer.highWatermark());
        assertEquals(log.read(0, 1 << 20, 4).sizeInBytes(), consumer.records().sizeInBytes(), "only up to offset 4");
    }

    @Test
    void epochAndLeadershipErrors() {
        replicas.applyRole(TP, new PartitionRole(3, 1, List.of(1, 2), List.of(1, 2), 3));
        assertEquals(ErrorCode.FENCED_LEADER_EPOCH.code(), fetch(-1, 0, 2).errorCode());
        assertEquals(ErrorCode.UNKNOWN_LEADER_EPOCH.code(), fetch(-1, 0, 4).errorCode());
        assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER.code(), fetch(5, 0, 3).errorCode(), "not one of the replicas");
        replicas.applyRole(TP, new PartitionRole(4, 2, List.of(1, 2), List.of(1, 2), 4));
        assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER.code(), fetch(-1, 0, 4).errorCode(), "this broker follows now");
    }
}
