package io.samsa.broker.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.data.RawClient;
import io.samsa.broker.data.RawRequests;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.fetcher.ReplicaFetcherManager;
import io.samsa.broker.storage.StorageComponent;
import io.samsa.broker.testing.InProcessCluster;
import io.samsa.broker.testing.LogBytes;
import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicStore;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.CreateTopicResult;
import io.samsa.metadata.controller.api.Reassignment;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.controller.api.TopicResult;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.testing.Await;
import io.samsa.storage.LogManager;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Cluster mode's data side on three in-process combined nodes (one cluster for the class, cases in
 * order): topics created through the quorum are mirrored into every node's registry with the
 * image's id and get logs on their replicas only; a kafka-clients producer with acks=all to the
 * leader is replicated byte for byte; a follower that stops fetching leaves the ISR through
 * AlterPartition and rejoins it after a restart; a stopped leader is replaced from the ISR and,
 * restarted, truncates its unreplicated tail and follows; deleted topics leave every node's disk,
 * also a node's that was down during the deletion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterDataTest {
    private static final long RPC_TIMEOUT_MS = 30_000;
    private static final String PLACED = "placed";
    private static final String REPLICATED = "replicated";
    private static final TopicPartition TP = new TopicPartition(REPLICATED, 0);
    private InProcessCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path root) throws Exception {
        cluster = new InProcessCluster(root, 3)
                .overrideAll("replica.fetch.wait.max.ms", "100")
                .overrideAll("replica.fetch.backoff.ms", "50")
                .overrideAll("replica.lag.time.max.ms", "8000");
        cluster.startAll();
        cluster.awaitAllUnfenced();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private int anyRunning() {
        return cluster.running().keySet().iterator().next();
    }

    private MetadataImage image() {
        return cluster.image(anyRunning());
    }

    private void createTopic(String name, int partitions, int replicationFactor) throws Exception {
        List<CreateTopicResult> results = cluster.membership(anyRunning()).quorum().forward(ControllerRpcs.createTopics(
                List.of(CreatableTopic.of(name, partitions, replicationFactor)), false), RPC_TIMEOUT_MS)
                .get(RPC_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
        assertEquals(ErrorCode.NONE, results.get(0).error().error(), results.get(0).error().message());
        cluster.awaitImage("topic " + name + " in every image", image -> image.topic(name) != null);
    }

    private void deleteTopic(String name) throws Exception {
        List<TopicResult> results = cluster.membership(anyRunning()).quorum().forward(ControllerRpcs.deleteTopics(
                List.of(name), List.of()), RPC_TIMEOUT_MS).get(RPC_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
        assertEquals(ErrorCode.NONE, results.get(0).error().error(), results.get(0).error().message());
        cluster.awaitImage("topic " + name + " gone from every image", image -> image.topic(name) == null);
    }

    private PartitionRegistration partition(TopicPartition tp) {
        return image().topic(tp.topic()).partition(tp.partition());
    }

    private LogManager logs(int id) {
        return cluster.broker(id).component(StorageComponent.class).orElseThrow().logs();
    }

    private Optional<PartitionLog> log(int id, TopicPartition tp) {
        return logs(id).getLog(tp);
    }

    /** @return the topics node {@code id} saved in its registry file */
    private Optional<Topic> savedTopic(int id, String name) {
        return new TopicStore(cluster.logDir(id)).load().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private boolean hasPartitionDirs(int id, String topic) {
        try (Stream<Path> dirs = Files.list(cluster.logDir(id))) {
            return dirs.anyMatch(dir -> dir.getFileName().toString().startsWith(topic + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static short produceError(RawClient client, String topic, int partition) throws IOException {
        ProduceResponse response = client.call(RawRequests.produce(topic, partition, (short) 1,
                RawRequests.batch(CompressionType.NONE, 1, 10, -1, (short) -1, -1)), 9);
        return response.responses().get(0).partitionResponses().get(0).errorCode();
    }

    private static KafkaProducer<String, String> producer(int port, String acks) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Sends {@code count} records to the partition's leader, each acknowledged before the next. */
    private void produce(int leader, String acks, String prefix, int count) throws Exception {
        try (KafkaProducer<String, String> producer = producer(cluster.port(leader), acks)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(REPLICATED, 0, null, prefix + i)).get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits until every running replica's log equals the leader's, byte for byte, with the high watermark at its end. */
    private void awaitReplicasEqual(int leader) {
        Await.until(InProcessCluster.WAIT, "every replica holds the leader's batches", () -> {
            PartitionLog leaderLog = log(leader, TP).orElseThrow();
            long end = leaderLog.logEndOffset();
            return leaderLog.highWatermark() == end && cluster.running().keySet().stream().allMatch(id -> {
                PartitionLog replica = log(id, TP).orElse(null);
                return replica != null && replica.logEndOffset() == end && replica.highWatermark() == end;
            });
        });
        PartitionLog leaderLog = log(leader, TP).orElseThrow();
        byte[] expected = LogBytes.upTo(leaderLog, leaderLog.logEndOffset());
        for (int id : cluster.running().keySet()) {
            assertArrayEquals(expected, LogBytes.upTo(log(id, TP).orElseThrow(), leaderLog.logEndOffset()),
                    "node " + id + "'s log");
        }
    }

    @Test
    @Order(1)
    void topicsAreMirroredWithTheImageIdsAndGetLogsOnTheirReplicasOnly() throws Exception {
        createTopic(PLACED, 3, 2);
        createTopic(REPLICATED, 1, 3);
        TopicImage placed = image().topic(PLACED);
        TopicImage replicated = image().topic(REPLICATED);
        Await.until(InProcessCluster.WAIT, "every node's registry and logs follow the image", () ->
                cluster.nodeIds().stream().allMatch(id -> savedTopic(id, PLACED).isPresent()
                        && savedTopic(id, REPLICATED).isPresent() && log(id, TP).isPresent()
                        && placed.partitions().entrySet().stream().allMatch(p -> log(id, new TopicPartition(PLACED,
                        p.getKey())).isPresent() == p.getValue().replicasContain(id))));
        for (int id : cluster.nodeIds()) {
            Topic topic = savedTopic(id, PLACED).orElseThrow();
            assertEquals(placed.id(), topic.id(), "node " + id + " holds the image's topic id");
            assertEquals(3, topic.partitionCount());
            assertFalse(topic.internal());
            assertEquals(replicated.id(), savedTopic(id, REPLICATED).orElseThrow().id());
            long held = placed.partitions().keySet().stream().filter(p -> log(id, new TopicPartition(PLACED, p))
                    .isPresent()).count();
            assertEquals(2, held, "node " + id + " holds the logs of exactly its 2 of 3 replicas (RF 2)");
        }
        int elsewhere = placed.partitions().entrySet().stream().filter(p -> !p.getValue().replicasContain(1))
                .findFirst().orElseThrow().getKey();
        try (RawClient client = new RawClient(cluster.port(1))) {
            assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER.code(), produceError(client, PLACED, elsewhere),
                    "a partition placed on other brokers, as Kafka answers it");
            assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), produceError(client, PLACED, 3));
        }

        PartitionRegistration registration = partition(TP);
        assertTrue(registration.hasLeader());
        for (int id : cluster.nodeIds()) {
            Await.until(InProcessCluster.WAIT, "node " + id + " holds the image's role", () -> cluster.broker(id)
                    .component(ReplicaManager.class).orElseThrow().partition(TP).map(p -> p.role())
                    .equals(Optional.of(ReplicaManagerRoles.role(partition(TP)))));
            assertEquals(id == registration.leader(), cluster.broker(id).component(ReplicaManager.class).orElseThrow()
                    .partition(TP).orElseThrow().isLeader(), "node " + id + " leads exactly when the image says so");
        }
    }

    @Test
    @Order(2)
    void anAcksAllProduceToTheLeaderIsReplicatedByteForByte() throws Exception {
        int leader = partition(TP).leader();
        produce(leader, "all", "first-", 20);
        assertEquals(20, log(leader, TP).orElseThrow().highWatermark(), "acks=all answered at the high watermark");
        awaitReplicasEqual(leader);
        assertEquals(3, partition(TP).isr().length);
    }

    @Test
    @Order(3)
    void aFollowerThatStopsFetchingLeavesTheIsrThroughAlterPartitionAndRejoinsAfterARestart() throws Exception {
        PartitionRegistration before = partition(TP);
        int leader = before.leader();
        int follower = cluster.nodeIds().stream().filter(id -> id != leader).findFirst().orElseThrow();
        cluster.broker(follower).component(ReplicaFetcherManager.class).orElseThrow().unfollow(TP);
        produce(leader, "all", "lagging-", 5); // answered once the ISR has shrunk (min.insync.replicas=1)
        PartitionRegistration shrunk = partition(TP);
        assertFalse(shrunk.isrContains(follower), "the lagging follower left the ISR: " + shrunk);
        assertFalse(image().broker(follower).fenced(), "it is not fenced: the leader's AlterPartition shrank the ISR");
        assertEquals(before.leaderEpoch(), shrunk.leaderEpoch());
        assertTrue(shrunk.partitionEpoch() > before.partitionEpoch());

        cluster.restart(follower);
        cluster.awaitImage("the restarted follower back in the ISR", image -> image.topic(REPLICATED).partition(0)
                .isrContains(follower));
        awaitReplicasEqual(leader);
    }

    @Test
    @Order(4)
    void aStoppedLeaderIsReplacedFromTheIsrAndOnRestartTruncatesItsTailAndFollows() throws Exception {
        int oldLeader = partition(TP).leader();
        for (int id : cluster.nodeIds()) {
            if (id != oldLeader) {
                cluster.broker(id).component(ReplicaFetcherManager.class).orElseThrow().unfollow(TP);
            }
        }
        long committedEnd = log(oldLeader, TP).orElseThrow().highWatermark();
        produce(oldLeader, "1", "unreplicated-", 3); // only the old leader has these
        assertEquals(committedEnd + 3, log(oldLeader, TP).orElseThrow().logEndOffset());
        cluster.stop(oldLeader);
        cluster.awaitImage("a new leader from the ISR", image -> {
            PartitionRegistration p = image.topic(REPLICATED).partition(0);
            return p.hasLeader() && p.leader() != oldLeader;
        });
        int newLeader = partition(TP).leader();
        produce(newLeader, "all", "second-", 10);

        cluster.start(oldLeader);
        cluster.awaitImage("the old leader back in the ISR", image -> image.topic(REPLICATED).partition(0)
                .isrContains(oldLeader));
        awaitReplicasEqual(newLeader);
        assertEquals(committedEnd + 10, log(oldLeader, TP).orElseThrow().logEndOffset(),
                "the old leader truncated its unreplicated tail and holds the new leader's records");
    }

    @Test
    @Order(5)
    void aDeletedTopicLeavesEveryNodesRegistryAndDisk() throws Exception {
        deleteTopic(PLACED);
        Await.until(InProcessCluster.WAIT, "no node holds the deleted topic", () -> cluster.nodeIds().stream()
                .noneMatch(id -> savedTopic(id, PLACED).isPresent() || hasPartitionDirs(id, PLACED)));
    }

    @Test
    @Order(6)
    void aNodeRestartedAfterATopicWasDeletedWhileItWasDownRemovesItsFiles() throws Exception {
        String doomed = "doomed";
        createTopic(doomed, 1, 3);
        Await.until(InProcessCluster.WAIT, "every node holds the log", () -> cluster.nodeIds().stream()
                .allMatch(id -> log(id, new TopicPartition(doomed, 0)).isPresent()));
        int down = partition(TP).leader() == 1 ? 2 : 1;
        cluster.stop(down);
        assertTrue(hasPartitionDirs(down, doomed));
        deleteTopic(doomed);

        cluster.start(down);
        Await.until(InProcessCluster.WAIT, "the restarted node dropped the deleted topic",
                () -> savedTopic(down, doomed).isEmpty() && !hasPartitionDirs(down, doomed));
        cluster.awaitAllUnfenced();
    }

    @Test
    @Order(7)
    void aReassignedReplicaCatchesUpTakesOverLeadershipAndServesEveryRecord() throws Exception {
        String moved = "moved";
        TopicPartition tp = new TopicPartition(moved, 0);
        List<CreateTopicResult> created = cluster.membership(anyRunning()).quorum().forward(ControllerRpcs.createTopics(
                List.of(new CreatableTopic(moved, -1, (short) -1, Map.of(0, List.of(1)), Map.of())), false),
                RPC_TIMEOUT_MS).get(RPC_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
        assertEquals(ErrorCode.NONE, created.get(0).error().error(), created.get(0).error().message());
        cluster.awaitImage("topic moved led by 1", image -> image.topic(moved) != null
                && image.topic(moved).partition(0).leader() == 1);
        Await.until(InProcessCluster.WAIT, "node 1 leads moved-0", () -> log(1, tp).isPresent());
        try (KafkaProducer<String, String> producer = producer(cluster.port(1), "all")) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(moved, 0, null, "m" + i)).get(60, TimeUnit.SECONDS);
            }
        }
        assertEquals(50, log(1, tp).orElseThrow().highWatermark());

        Map<TopicPartitionName, ApiError> answers = cluster.membership(anyRunning()).quorum().forward(
                ControllerRpcs.alterPartitionReassignments(List.of(new Reassignment(
                        new TopicPartitionName(moved, 0), Optional.of(List.of(2))))), RPC_TIMEOUT_MS)
                .get(RPC_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
        assertEquals(ErrorCode.NONE, answers.values().iterator().next().error());
        cluster.awaitImage("moved-0 on node 2 alone, led by it", image -> {
            PartitionRegistration p = image.topic(moved).partition(0);
            return !p.isReassigning() && p.leader() == 2 && p.replicasContain(2) && !p.replicasContain(1);
        });
        Await.until(InProcessCluster.WAIT, "node 2 serves all 50 records below its high watermark", () -> {
            PartitionLog replica = log(2, tp).orElse(null);
            return replica != null && replica.logEndOffset() == 50 && replica.highWatermark() == 50;
        });
        Await.until(InProcessCluster.WAIT, "node 1 dropped its log", () -> log(1, tp).isEmpty());
    }
}
