package io.samsa.broker.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.util.ManualTime;
import io.samsa.storage.LogConfig;
import io.samsa.storage.LogManager;
import io.samsa.storage.LogManagerConfig;
import io.samsa.storage.TopicPartition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader's ISR and high-watermark rules, on a manual clock with a fake controller. */
class ReplicatedPartitionTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final int LEADER = 1;
    private static final long LAG_MS = 30_000;

    @TempDir
    Path dir;
    private final ManualTime time = new ManualTime();
    private final FakeController controller = new FakeController();
    private final List<TopicPartition> changes = new CopyOnWriteArrayList<>();
    private LogManager logs;
    private ReplicaManager manager;

    @BeforeEach
    void setUp() {
        logs = new LogManager(LogManagerConfig.fromMap(Map.of(LogManagerConfig.LOG_DIRS, dir.toString())),
                topic -> LogConfig.fromMap(Map.of(LogConfig.MIN_INSYNC_REPLICAS, "2")), time);
        logs.startup(false);
        ReplicationConfig config = new ReplicationConfig(LEADER, LAG_MS, 1000, 1 << 20, 10 << 20, 500, 1, 30_000, 1);
        manager = new ReplicaManager(config, time, () -> logs, controller);
        manager.addListener(changes::add);
    }

    @AfterEach
    void tearDown() {
        logs.shutdown();
    }

    private ReplicatedPartition leaderOf(List<Integer> isr) {
        return manager.applyRole(TP, new PartitionRole(5, LEADER, List.of(1, 2, 3), isr, 10));
    }

    private static MemoryRecords records(int count) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE);
        for (int i = 0; i < count; i++) {
            builder.append(i, null, ("v" + i).getBytes());
        }
        return new MemoryRecords(builder.build());
    }

    private long append(ReplicatedPartition partition, int count) {
        partition.log().appendAsLeader(records(count), partition.leaderEpoch());
        partition.onLeaderAppend();
        return partition.log().logEndOffset();
    }

    private void fetch(ReplicatedPartition partition, int replica, long offset) {
        assertEquals(ErrorCode.NONE, partition.onFollowerFetch(replica, offset, partition.log().logEndOffset(), time.milliseconds()));
    }

    @Test
    void highWatermarkIsTheSmallestIsrLogEndOffsetAndNeverGoesBack() {
        ReplicatedPartition partition = leaderOf(List.of(1, 2, 3));
        long end = append(partition, 5);
        assertEquals(0, partition.highWatermark(), "followers have not fetched");
        fetch(partition, 2, 5);
        assertEquals(0, partition.highWatermark(), "replica 3 is in the ISR and still at nothing");
        fetch(partition, 3, 3);
        assertEquals(3, partition.highWatermark());
        fetch(partition, 3, end);
        assertEquals(end, partition.highWatermark());
        fetch(partition, 3, 2); // a stale fetch (e.g. after a follower restart) does not move it back
        assertEquals(end, partition.highWatermark());
        assertTrue(changes.contains(TP));
    }

    @Test
    void aFollowerLaggingLongerThanTheLagTimeIsDroppedWhenTheControllerAcknowledges() {
        ReplicatedPartition partition = leaderOf(List.of(1, 2, 3));
        append(partition, 4);
        fetch(partition, 2, 4);
        fetch(partition, 3, 4);
        append(partition, 2);
        fetch(partition, 2, 6);
        time.advance(LAG_MS);
        assertFalse(partition.maybeShrinkIsr(time.milliseconds()), "exactly the lag time is not too long");
        time.advance(1);
        fetch(partition, 2, 6);
        assertTrue(partition.maybeShrinkIsr(time.milliseconds()));
        FakeController.Call shrink = controller.last();
        assertEquals(List.of(1, 2), shrink.change().newIsr());
        assertEquals(10, shrink.change().partitionEpoch());
        assertEquals(5, shrink.change().leaderEpoch());
        assertEquals(List.of(1, 2, 3), partition.isr(), "nothing changes until the controller answers");
        assertEquals(4, partition.highWatermark(), "the maximal ISR (still with 3) holds the high watermark");
        assertFalse(partition.maybeShrinkIsr(time.milliseconds()), "one change at a time");

        FakeController.commit(shrink);
        assertEquals(List.of(1, 2), partition.isr());
        assertEquals(6, partition.highWatermark(), "without 3, the high watermark moves to 2's position");
        assertEquals(11, partition.role().partitionEpoch());
    }

    @Test
    void aFollowerThatCatchesUpRejoinsTheIsr() {
        ReplicatedPartition partition = leaderOf(List.of(1, 2));
        append(partition, 3);
        fetch(partition, 2, 3);
        assertEquals(3, partition.highWatermark());
        fetch(partition, 3, 1);
        assertTrue(controller.calls().isEmpty(), "3 is below the high watermark: not in sync");
        fetch(partition, 3, 3);
        FakeController.Call expand = controller.last();
        assertEquals(List.of(1, 2, 3), expand.change().newIsr());
        append(partition, 2);
        fetch(partition, 2, 5);
        assertEquals(3, partition.highWatermark(), "the replica being added already counts for the high watermark");
        FakeController.commit(expand);
        assertEquals(List.of(1, 2, 3), partition.isr());
    }

    @Test
    void aReplicaAddedUnderTheSameLeaderEpochIsTrackedAndJoinsTheIsr() {
        ReplicatedPartition partition = manager.applyRole(TP, new PartitionRole(5, LEADER, List.of(1, 2), List.of(1, 2), 10));
        append(partition, 3);
        fetch(partition, 2, 3);
        // a reassignment adds replica 4 (and keeps the leader and its epoch): only the partition epoch moves
        manager.applyRole(TP, new PartitionRole(5, LEADER, List.of(1, 2, 4), List.of(1, 2), 11));
        fetch(partition, 4, 3);
        FakeController.Call expand = controller.last();
        assertEquals(List.of(1, 2, 4), expand.change().newIsr());
        FakeController.commit(expand);
        assertEquals(List.of(1, 2, 4), partition.isr());
        // the reassignment then drops replica 2: its fetches are refused, it no longer counts
        manager.applyRole(TP, new PartitionRole(5, LEADER, List.of(1, 4), List.of(1, 4), 13));
        assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER,
                partition.onFollowerFetch(2, 3, partition.log().logEndOffset(), time.milliseconds()));
    }

    @Test
    void aCaughtUpFollowerTheIsrEligibilityRefusesIsNotProposed() {
        java.util.concurrent.atomic.AtomicBoolean eligible = new java.util.concurrent.atomic.AtomicBoolean();
        manager.isrEligibility(replica -> replica != 3 || eligible.get());
        ReplicatedPartition partition = leaderOf(List.of(1, 2));
        append(partition, 3);
        fetch(partition, 2, 3);
        fetch(partition, 3, 3);
        assertTrue(controller.calls().isEmpty(), "3 is caught up but fenced: no AlterPartition to be refused");
        eligible.set(true);
        fetch(partition, 3, 3);
        assertEquals(List.of(1, 2, 3), controller.last().change().newIsr());
    }

    @Test
    void whenRolesAreRequiredALogWithoutOneNeitherLeadsNorFollows() {
        logs.getOrCreateLog(TP);
        assertTrue(manager.partition(TP).isEmpty(), "single node: a partition without a role is led here");
        manager.requireRoles();
        ReplicatedPartition waiting = manager.partition(TP).orElseThrow();
        assertNull(waiting.role());
        assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER, waiting.checkAppend((short) 1), "no writes before the role");
        assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER, waiting.checkLeader(-1));
        assertEquals(waiting, leaderOf(List.of(1, 2, 3)), "the role comes to the same partition");
        assertTrue(waiting.isLeader());
    }

    @Test
    void aRefusedChangeKeepsTheCommittedIsrAndCanBeAskedAgain() {
        ReplicatedPartition partition = leaderOf(List.of(1, 2, 3));
        append(partition, 2);
        time.advance(LAG_MS + 1);
        assertTrue(partition.maybeShrinkIsr(time.milliseconds()));
        FakeController.refuse(controller.last());
        assertEquals(List.of(1, 2, 3), partition.isr());
        assertFalse(partition.isrChangePending());
        assertTrue(partition.maybeShrinkIsr(time.milliseconds()));
        assertEquals(List.of(1), controller.last().change().newIsr());
    }

    @Test
    void minInsyncReplicasIsCheckedBeforeAndAfterTheAppend() {
        ReplicatedPartition partition = leaderOf(List.of(1));
        assertEquals(ErrorCode.NOT_ENOUGH_REPLICAS, partition.checkAppend((short) -1));
        assertEquals(ErrorCode.NONE, partition.checkAppend((short) 1), "acks=1 does not need the ISR");

        partition = leaderOf(List.of(1, 2));
        partition = manager.applyRole(TP, new PartitionRole(6, LEADER, List.of(1, 2, 3), List.of(1, 2), 11));
        assertEquals(ErrorCode.NONE, partition.checkAppend((short) -1));
        long required = append(partition, 3);
        assertNull(partition.checkReplicated(required, 6), "waits for replica 2");
        time.advance(LAG_MS + 1);
        partition.maybeShrinkIsr(time.milliseconds());
        FakeController.commit(controller.last());
        assertEquals(List.of(1), partition.isr());
        assertEquals(ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND, partition.checkReplicated(required, 6));
        assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER, partition.checkReplicated(required, 5), "appended under another epoch");
    }

    @Test
    void leaderEpochChecksAndStaleRoles() {
        ReplicatedPartition partition = leaderOf(List.of(1, 2, 3));
        assertEquals(ErrorCode.NONE, partition.checkLeader(-1));
        assertEquals(ErrorCode.NONE, partition.checkLeader(5));
        assertEquals(ErrorCode.FENCED_LEADER_EPOCH, partition.checkLeader(4));
        assertEquals(ErrorCode.UNKNOWN_LEADER_EPOCH, partition.checkLeader(6));
        manager.applyRole(TP, new PartitionRole(4, 2, List.of(1, 2, 3), List.of(1, 2, 3), 11));
        assertTrue(partition.isLeader(), "an older leader epoch is ignored");
        manager.applyRole(TP, new PartitionRole(6, 2, List.of(1, 2, 3), List.of(1, 2, 3), 11));
        assertFalse(partition.isLeader());
        assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER, partition.checkLeader(6));
        assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER, partition.checkAppend((short) 1));
    }
}
