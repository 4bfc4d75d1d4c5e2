package io.samsa.broker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.replication.PartitionRole;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.broker.replication.ReplicationConfig;
import io.samsa.metadata.controller.api.AlterPartitionRequest;
import io.samsa.metadata.controller.api.AlterPartitionResponse;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.quorum.MetadataQuorumException;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.ManualTime;
import io.samsa.storage.LogConfig;
import io.samsa.storage.LogManager;
import io.samsa.storage.LogManagerConfig;
import io.samsa.storage.TopicPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader's ISR changes through the controller RPC, against a quorum the test answers: a
 * committed shrink reaches the partition, the controller's refusals (FENCED_LEADER_EPOCH,
 * INVALID_UPDATE_VERSION) keep the committed ISR so acks=all is not acknowledged without it, lost
 * answers are sent again after the backoff, and a change the image has overtaken is not sent.
 */
class ControllerAlterPartitionSenderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final Uuid TOPIC_ID = new Uuid(7, 7);
    private static final long LAG_MS = 30_000;
    private static final long BROKER_EPOCH = 42;

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime();
    private final FakeMetadataQuorum quorum = new FakeMetadataQuorum();
    private LogManager logs;
    private ControllerAlterPartitionSender sender;
    private ReplicaManager manager;

    @BeforeEach
    void setUp() {
        logs = new LogManager(LogManagerConfig.fromMap(Map.of(LogManagerConfig.LOG_DIRS, dir.toString())),
                topic -> LogConfig.fromMap(Map.of(LogConfig.MIN_INSYNC_REPLICAS, "1")), time);
        logs.startup(false);
        sender = new ControllerAlterPartitionSender(1, () -> quorum, () -> BROKER_EPOCH, 1000, 1);
        sender.start();
        manager = new ReplicaManager(new ReplicationConfig(1, LAG_MS, 1000, 1 << 20, 10 << 20, 500, 1, 30_000, 1),
                time, () -> logs, sender);
        quorum.image(image(new PartitionRegistration(new int[] {1, 2, 3}, new int[] {1, 2, 3}, new int[0],
                new int[0], 1, 5, 10)));
    }

    @AfterEach
    void tearDown() throws Exception {
        sender.close();
        logs.shutdown();
    }

    private static MetadataImage image(PartitionRegistration partition) {
        TopicImage topic = new TopicImage(TP.topic(), TOPIC_ID, Map.of(0, partition));
        return new MetadataImage(10, 10, Optional.of("cluster"), Map.of(), Map.of(TOPIC_ID, topic),
                Map.of(TP.topic(), TOPIC_ID), Map.of(), 0, Map.of(), 0);
    }

    /** A leader of epoch 5 with ISR {1,2,3}, two records appended that no follower fetched, the shrink to {1} asked. */
    private ReplicatedPartition leaderAskingToShrink() {
        ReplicatedPartition partition = manager.applyRole(TP, new PartitionRole(5, 1, List.of(1, 2, 3),
                List.of(1, 2, 3), 10));
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE);
        builder.append(0, null, "a".getBytes());
        builder.append(1, null, "b".getBytes());
        partition.log().appendAsLeader(new MemoryRecords(builder.build()), partition.leaderEpoch());
        partition.onLeaderAppend();
        time.advance(LAG_MS + 1);
        assertTrue(partition.maybeShrinkIsr(time.milliseconds()));
        return partition;
    }

    private static AlterPartitionResponse answer(ErrorCode error, List<Integer> isr, int partitionEpoch) {
        return new AlterPartitionResponse(ApiError.NONE, List.of(
                new AlterPartitionResponse.PartitionState(TOPIC_ID, 0, ApiError.of(error), 1, 5, isr, partitionEpoch)));
    }

    @Test
    void aCommittedShrinkReachesThePartitionAndAcksAllCompletes() throws Exception {
        ReplicatedPartition partition = leaderAskingToShrink();
        FakeMetadataQuorum.Sent sent = quorum.sent.poll(10, TimeUnit.SECONDS);
        AlterPartitionRequest request = sent.request();
        assertEquals(1, request.brokerId());
        assertEquals(BROKER_EPOCH, request.brokerEpoch());
        assertEquals(new AlterPartitionRequest.IsrChange(TOPIC_ID, 0, 5, List.of(1), 10), request.partitions().get(0));
        assertNull(partition.checkReplicated(2, 5), "acks=all waits while the shrink is not committed");

        sent.answer().complete(answer(ErrorCode.NONE, List.of(1), 11));
        assertEquals(List.of(1), partition.isr());
        assertEquals(2, partition.highWatermark());
        assertEquals(ErrorCode.NONE, partition.checkReplicated(2, 5));
    }

    @Test
    void aFencedLeaderKeepsItsCommittedIsrAndDoesNotAcknowledgeAcksAll() throws Exception {
        ReplicatedPartition partition = leaderAskingToShrink();
        quorum.sent.poll(10, TimeUnit.SECONDS).answer()
                .complete(answer(ErrorCode.FENCED_LEADER_EPOCH, List.of(2, 3), 12));
        assertFalse(partition.isrChangePending(), "a refusal is an answer, not retried");
        assertEquals(List.of(1, 2, 3), partition.isr());
        assertEquals(0, partition.highWatermark(), "nothing is committed without the ISR");
        assertNull(partition.checkReplicated(2, 5), "acks=all is not acknowledged");
        assertNull(quorum.sent.poll(50, TimeUnit.MILLISECONDS), "not sent again");
    }

    @Test
    void aLostAnswerIsSentAgainAfterTheBackoff() throws Exception {
        ReplicatedPartition partition = leaderAskingToShrink();
        quorum.sent.poll(10, TimeUnit.SECONDS).answer().completeExceptionally(
                new MetadataQuorumException(ErrorCode.REQUEST_TIMED_OUT, "no commit in time", -1));
        FakeMetadataQuorum.Sent again = quorum.sent.poll(10, TimeUnit.SECONDS);
        assertEquals(List.of(1), again.request().partitions().get(0).newIsr());
        assertTrue(partition.isrChangePending(), "still waiting for the controller");
        again.answer().complete(new AlterPartitionResponse(ApiError.of(ErrorCode.STALE_BROKER_EPOCH), List.of()));
        quorum.sent.poll(10, TimeUnit.SECONDS).answer().complete(answer(ErrorCode.NONE, List.of(1), 11));
        Await.until(WAIT, "the shrink committed", () -> partition.isr().equals(List.of(1)));
    }

    @Test
    void aChangeTheImageOvertookIsRefusedWithoutSending() throws Exception {
        quorum.image(image(new PartitionRegistration(new int[] {1, 2, 3}, new int[] {1, 2}, new int[0],
                new int[0], 1, 5, 11)));
        ReplicatedPartition partition = leaderAskingToShrink();
        assertFalse(partition.isrChangePending(), "INVALID_UPDATE_VERSION at once");
        assertEquals(List.of(1, 2, 3), partition.isr(), "the role from the image will bring the new ISR");
        assertNull(quorum.sent.poll(50, TimeUnit.MILLISECONDS));
    }

}
