package io.samsa.broker.data.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.replication.AlterPartitionSender;
import io.samsa.broker.replication.PartitionRole;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.broker.replication.ReplicationConfig;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.ManualTime;
import io.samsa.storage.LogConfig;
import io.samsa.storage.LogManager;
import io.samsa.storage.LogManagerConfig;
import io.samsa.storage.TopicPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** acks=all waits: completed by follower progress, by a lost leadership, or by timeout_ms. */
class ProducePurgatoryTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime();
    private final ProducePurgatory purgatory = new ProducePurgatory();
    private LogManager logs;
    private ReplicaManager replicas;
    private ReplicatedPartition leader;

    @BeforeEach
    void setUp() {
        logs = new LogManager(LogManagerConfig.fromMap(Map.of(LogManagerConfig.LOG_DIRS, dir.toString())), topic -> LogConfig.DEFAULT, time);
        logs.startup(false);
        replicas = new ReplicaManager(ReplicationConfig.defaults(1), time, () -> logs, AlterPartitionSender.NONE);
        replicas.addListener(purgatory);
        purgatory.start();
        leader = replicas.applyRole(TP, new PartitionRole(1, 1, List.of(1, 2), List.of(1, 2), 1));
    }

    @AfterEach
    void tearDown() throws Exception {
        purgatory.close();
        logs.shutdown();
    }

    private CompletableFuture<ProduceResponse> produce(long timeoutMs) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE);
        builder.append(0, null, new byte[] {1});
        builder.append(0, null, new byte[] {2});
        long base = leader.log().appendAsLeader(new MemoryRecords(builder.build()), 1).firstOffset();
        leader.onLeaderAppend();
        PartitionProduceResponse partition = new PartitionProduceResponse().setIndex(0).setBaseOffset(base);
        ProduceResponse response = new ProduceResponse().setResponses(new ArrayList<>(List.of(
                new ProduceResponse.TopicProduceResponse().setName(TP.topic()).setPartitionResponses(new ArrayList<>(List.of(partition))))));
        return purgatory.park(response, List.of(new PendingAck(leader, base + 2, 1, partition)), timeoutMs);
    }

    private static short errorOf(ProduceResponse response) {
        return response.responses().get(0).partitionResponses().get(0).errorCode();
    }

    @Test
    void completesWhenTheFollowerHasTheBatch() throws Exception {
        CompletableFuture<ProduceResponse> answer = produce(60_000);
        assertFalse(answer.isDone());
        assertEquals(1, purgatory.parkedCount());
        leader.onFollowerFetch(2, 1, leader.log().logEndOffset(), time.milliseconds());
        assertFalse(answer.isDone(), "the follower has offset 0 only");
        leader.onFollowerFetch(2, 2, leader.log().logEndOffset(), time.milliseconds());
        assertTrue(answer.isDone(), "completed inline by the follower's fetch, no thread hop");
        assertEquals(ErrorCode.NONE.code(), errorOf(answer.get()));
        assertEquals(0, purgatory.parkedCount());
    }

    @Test
    void losingLeadershipAnswersNotLeaderOrFollower() throws Exception {
        CompletableFuture<ProduceResponse> answer = produce(60_000);
        replicas.applyRole(TP, new PartitionRole(2, 2, List.of(1, 2), List.of(1, 2), 2));
        assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER.code(), errorOf(answer.get(5, TimeUnit.SECONDS)));
    }

    @Test
    void timesOutWithRequestTimedOut() throws Exception {
        CompletableFuture<ProduceResponse> answer = produce(20);
        assertEquals(ErrorCode.REQUEST_TIMED_OUT.code(), errorOf(answer.get(5, TimeUnit.SECONDS)));
        // the timeout answers first and leaves the purgatory right after, on its own thread
        Await.until(Duration.ofSeconds(5), "the timed-out produce left the purgatory", () -> purgatory.parkedCount() == 0);
    }
}
