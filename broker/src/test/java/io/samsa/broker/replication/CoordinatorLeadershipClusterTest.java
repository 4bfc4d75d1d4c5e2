package io.samsa.broker.replication;

import static io.samsa.broker.replication.ReplicaCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.group.GroupCoordinatorComponent;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.offsets.CommittedOffset;
import io.samsa.coordinator.offsets.OffsetCommitRequest;
import io.samsa.coordinator.offsets.OffsetCommitResponse;
import io.samsa.coordinator.runtime.CoordinatorException;
import io.samsa.coordinator.runtime.CoordinatorPartitionState;
import io.samsa.protocol.ErrorCode;
import io.samsa.storage.TopicPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group coordinator follows leadership of {@code __consumer_offsets} across three in-process
 * brokers whose roles the test assigns: commits are answered only once the followers replicated
 * them, a move of leadership unloads the old leader (NOT_COORDINATOR) and loads the new one from
 * its replicated log, and a commit whose leader loses the partition before replication fails.
 */
class CoordinatorLeadershipClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "consumed";
    private static final String GROUP = "g";
    private static final TopicPartition OFFSETS = new TopicPartition("__consumer_offsets", 0);
    private static final Map<String, String> ONE_OFFSETS_PARTITION = Map.of("offsets.topic.num.partitions", "1");

    @TempDir
    Path dir;

    private static PartitionRole role(int epoch, int leader) {
        return new PartitionRole(epoch, leader, List.of(1, 2, 3), List.of(1, 2, 3), epoch);
    }

    private static GroupCoordinatorService coordinator(ReplicaCluster cluster, int id) {
        return cluster.broker(id).component(GroupCoordinatorComponent.class).orElseThrow().service();
    }

    private static CompletableFuture<OffsetCommitResponse> commit(GroupCoordinatorService service, long offset) {
        return service.commitOffsets(new OffsetCommitRequest(GROUP, "", OffsetCommitRequest.UNKNOWN_GENERATION, null,
                OffsetCommitRequest.DEFAULT_RETENTION, (short) 8,
                List.of(new OffsetCommitRequest.PartitionCommit(TOPIC, 0, offset, -1, ""))));
    }

    private static ErrorCode errorOf(OffsetCommitResponse response) {
        return response.partitions().get(0).error();
    }

    /** @return the committed offset as the broker's loaded coordinator holds it, or null */
    private static Long committed(GroupCoordinatorService service) {
        CommittedOffset offset = service.runtime().scheduleRead(OFFSETS.partition(), "probe",
                (shard, nowMs) -> shard.offsets().offset(GROUP, new io.samsa.coordinator.offsets.TopicPartition(TOPIC, 0))).join();
        return offset == null ? null : offset.offset();
    }

    private static ErrorCode readError(GroupCoordinatorService service) {
        try {
            service.runtime().scheduleRead(OFFSETS.partition(), "probe", (shard, nowMs) -> 0).join();
            return ErrorCode.NONE;
        } catch (CompletionException e) {
            return CoordinatorException.errorOf(e);
        }
    }

    private static boolean active(GroupCoordinatorService service) {
        return service.runtime().partitionState(OFFSETS.partition()) == CoordinatorPartitionState.ACTIVE;
    }

    @Test
    void aCommitIsAnsweredOnlyOnceReplicatedAndTheGroupMovesWithLeadership() throws Exception {
        try (ReplicaCluster cluster = new ReplicaCluster(dir, ONE_OFFSETS_PARTITION).start(3)) {
            cluster.createTopic(TOPIC, 1, Map.of());
            cluster.assign(OFFSETS, role(1, 1), 1);
            GroupCoordinatorService one = coordinator(cluster, 1);
            await(() -> active(one) && one.runtime().partitionEpoch(0).getAsInt() == 1, WAIT, "broker 1 to load under epoch 1");

            // brokers 2 and 3 have no role yet, so they do not fetch: the high watermark stays put
            CompletableFuture<OffsetCommitResponse> waiting = commit(one, 7);
            await(() -> cluster.log(1, OFFSETS).logEndOffset() == 1, WAIT, "the commit's record on the leader");
            assertEquals(0, cluster.log(1, OFFSETS).highWatermark());
            assertFalse(waiting.isDone(), "not answered before the followers have it");

            cluster.assign(OFFSETS, role(1, 1), 2, 3);
            assertEquals(ErrorCode.NONE, errorOf(waiting.get(30, TimeUnit.SECONDS)));
            assertTrue(cluster.log(1, OFFSETS).highWatermark() >= 1, "answered at the high watermark");
            assertEquals(7L, committed(one));
            await(() -> coordinator(cluster, 2).runtime().partitionState(0) == null, WAIT, "followers to unload");
            assertEquals(ErrorCode.NOT_COORDINATOR, readError(coordinator(cluster, 3)));

            // leadership moves to broker 2: it loads the replicated commit, broker 1 answers NOT_COORDINATOR
            await(() -> cluster.log(2, OFFSETS).logEndOffset() == 1, WAIT, "broker 2 to replicate the commit");
            cluster.assign(OFFSETS, role(2, 2), 2, 3, 1);
            GroupCoordinatorService two = coordinator(cluster, 2);
            await(() -> active(two), WAIT, "broker 2 to load");
            assertEquals(7L, committed(two));
            await(() -> one.runtime().partitionState(0) == null, WAIT, "broker 1 to unload");
            assertEquals(ErrorCode.NOT_COORDINATOR, readError(one));
            assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(commit(one, 8).get(30, TimeUnit.SECONDS)));

            assertEquals(ErrorCode.NONE, errorOf(commit(two, 9).get(30, TimeUnit.SECONDS)));
            await(() -> cluster.log(1, OFFSETS).highWatermark() == 2 && cluster.log(3, OFFSETS).highWatermark() == 2, WAIT,
                    "the new commit replicated everywhere");

            // and back to broker 1 under epoch 3: it replays what broker 2 wrote
            cluster.assign(OFFSETS, role(3, 1), 1, 2, 3);
            await(() -> active(one) && one.runtime().partitionEpoch(0).getAsInt() == 3, WAIT, "broker 1 to reload");
            assertEquals(9L, committed(one));
        }
    }

    @Test
    void aCommitWhoseLeaderLosesThePartitionBeforeReplicationFailsAndIsReverted() throws Exception {
        Map<String, String> longCommitTimeout = Map.of("offsets.topic.num.partitions", "1", "offsets.commit.timeout.ms", "60000");
        try (ReplicaCluster cluster = new ReplicaCluster(dir, longCommitTimeout).start(3)) {
            cluster.createTopic(TOPIC, 1, Map.of());
            cluster.assign(OFFSETS, role(1, 1), 1, 2, 3);
            GroupCoordinatorService one = coordinator(cluster, 1);
            await(() -> active(one) && one.runtime().partitionEpoch(0).getAsInt() == 1, WAIT, "broker 1 to load");
            assertEquals(ErrorCode.NONE, errorOf(commit(one, 5).get(30, TimeUnit.SECONDS)));
            await(() -> cluster.log(2, OFFSETS).logEndOffset() == 1 && cluster.log(3, OFFSETS).logEndOffset() == 1, WAIT,
                    "followers to replicate the first commit");

            // the followers stop fetching: the next commit reaches only broker 1's log
            cluster.replicas(2).removeRole(OFFSETS);
            cluster.replicas(3).removeRole(OFFSETS);
            CompletableFuture<OffsetCommitResponse> lost = commit(one, 6);
            await(() -> cluster.log(1, OFFSETS).logEndOffset() == 2, WAIT, "the second commit on broker 1");
            CompletableFuture<Integer> read = one.runtime().scheduleRead(OFFSETS.partition(), "probe", (shard, nowMs) -> 0);
            assertFalse(lost.isDone());
            assertFalse(read.isDone(), "a read waits for the writes in flight, so it never reports the unreplicated one");

            cluster.assign(OFFSETS, role(2, 2), 2, 3, 1);
            assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(lost.get(30, TimeUnit.SECONDS)));
            CompletionException readFailed = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, read::join);
            assertEquals(ErrorCode.NOT_COORDINATOR, CoordinatorException.errorOf(readFailed));
            GroupCoordinatorService two = coordinator(cluster, 2);
            await(() -> active(two), WAIT, "broker 2 to load");
            assertEquals(5L, committed(two), "the unreplicated commit is not on the new leader");
            await(() -> cluster.log(1, OFFSETS).logEndOffset() == 1, WAIT, "the old leader to truncate it");
            assertNull(one.runtime().partitionState(0));
        }
    }

    @Test
    void aKafkaClientsConsumerCommitsSyncToAReplicatedCoordinator() throws Exception {
        try (ReplicaCluster cluster = new ReplicaCluster(dir, ONE_OFFSETS_PARTITION).start(3)) {
            cluster.createTopic(TOPIC, 1, Map.of());
            cluster.assign(OFFSETS, role(1, 1), 1, 2, 3);
            await(() -> active(coordinator(cluster, 1)), WAIT, "broker 1 to load");
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(1));
            props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(TOPIC, 0);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer.assign(List.of(tp));
                for (long offset = 1; offset <= 5; offset++) {
                    consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)), WAIT);
                    long required = offset;
                    assertTrue(cluster.log(1, OFFSETS).highWatermark() >= required, "answered only once replicated");
                }
                assertEquals(5L, consumer.committed(java.util.Set.of(tp), WAIT).get(tp).offset());
            }
            await(() -> cluster.log(3, OFFSETS).highWatermark() == 5, WAIT, "the followers' high watermark");
        }
    }
}
