package io.samsa.broker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.testing.InProcessCluster;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.protocol.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions on three in-process combined nodes (one cluster for the class, cases in order),
 * with kafka-clients 4.1: a transaction's partitions are led by all three nodes, so its
 * coordinator writes most markers through WriteTxnMarkers to the other leaders. A commit reaches
 * every partition (read_committed reads it all, the LSO is the log end), an abort too (read_committed
 * reads only the committed transaction after it), offsets sent to the transaction land in a group
 * whose coordinator is another node, and a leader stopped while its partition's transaction is open
 * does not keep the markers from its successor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTransactionsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;
    private InProcessCluster cluster;
    private Admin admin;

    @BeforeAll
    void startCluster(@TempDir Path root) throws Exception {
        cluster = new InProcessCluster(root, 3)
                .overrideAll("replica.fetch.wait.max.ms", "100")
                .overrideAll("replica.fetch.backoff.ms", "50")
                .overrideAll("transaction.state.log.num.partitions", "3")
                .overrideAll("min.insync.replicas", "2")
                .overrideAll("offsets.topic.replication.factor", "3")
                .overrideAll("transaction.state.log.replication.factor", "3");
        cluster.startAll();
        cluster.awaitAllUnfenced();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        admin = Admin.create(props);
    }

    @AfterAll
    void stopCluster() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aCommitReachesPartitionsLedByEveryNode() throws Exception {
        String topic = "txn-cluster-commit";
        createSpreadTopic(topic);
        try (KafkaProducer<String, String> producer = producer("cluster-commit")) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 9; i++) {
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "k" + i, "v" + i));
            }
            producer.commitTransaction();
        }
        TransactionDescription done = awaitState("cluster-commit", TransactionState.COMPLETE_COMMIT);
        Set<Integer> leaders = leaders(topic);
        assertTrue(leaders.stream().anyMatch(leader -> leader != done.coordinatorId()),
                "some partition is led by another node than the coordinator " + done.coordinatorId() + ": " + leaders);
        // three records and the commit marker in each partition; the LSO is the log end
        for (int p = 0; p < PARTITIONS; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            assertEquals(4, offset(tp, IsolationLevel.READ_UNCOMMITTED), "log end of " + tp);
            assertEquals(4, offset(tp, IsolationLevel.READ_COMMITTED), "last stable offset of " + tp);
        }
        assertEquals(IntStream.range(0, 9).mapToObj(i -> "v" + i).collect(Collectors.toSet()),
                new HashSet<>(values(read(topic, "read_committed", 9))));
    }

    @Test
    @Order(2)
    void anAbortReachesEveryPartitionAndReadCommittedSkipsIt() throws Exception {
        String topic = "txn-cluster-abort";
        createSpreadTopic(topic);
        try (KafkaProducer<String, String> producer = producer("cluster-abort")) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(topic, p, "k", "aborted-" + p));
            }
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(topic, p, "k", "committed-" + p));
            }
            producer.commitTransaction();
        }
        awaitState("cluster-abort", TransactionState.COMPLETE_COMMIT);
        for (int p = 0; p < PARTITIONS; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            assertEquals(4, offset(tp, IsolationLevel.READ_COMMITTED), "record, abort marker, record, commit marker in " + tp);
        }
        assertEquals(Set.of("committed-0", "committed-1", "committed-2"), new HashSet<>(values(read(topic, "read_committed", 3))));
        assertEquals(6, read(topic, "read_uncommitted", 6).size());
    }

    @Test
    @Order(3)
    void offsetsSentToTheTransactionLandInAGroupCoordinatedElsewhere() throws Exception {
        String input = "txn-cluster-input";
        String output = "txn-cluster-output";
        createSpreadTopic(input);
        createSpreadTopic(output);
        String group = findGroupCoordinatedAwayFrom("cluster-ctp");
        Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            consumed.put(new TopicPartition(input, p), new OffsetAndMetadata(10 + p));
        }
        try (KafkaProducer<String, String> producer = producer("cluster-ctp")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(output, 0, "k", "aborted"));
            producer.sendOffsetsToTransaction(Map.of(new TopicPartition(input, 0), new OffsetAndMetadata(99)),
                    new ConsumerGroupMetadata(group));
            producer.abortTransaction();
            producer.beginTransaction();
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(output, p, "k", "out-" + p));
            }
            producer.sendOffsetsToTransaction(consumed, new ConsumerGroupMetadata(group));
            producer.commitTransaction();
        }
        awaitState("cluster-ctp", TransactionState.COMPLETE_COMMIT);
        Await.until(WAIT, "the committed offsets of " + group, () -> consumed.equals(committed(group)));
        assertEquals(Set.of("out-0", "out-1", "out-2"), new HashSet<>(values(read(output, "read_committed", 3))));
    }

    @Test
    @Order(4)
    void aLeaderStoppedDuringTheTransactionGetsItsMarkerAtItsSuccessor() throws Exception {
        String topic = "txn-cluster-failover";
        createSpreadTopic(topic);
        try (KafkaProducer<String, String> producer = producer("cluster-failover")) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(topic, p, "k", "v-" + p)).get();
            }
            int coordinator = describe("cluster-failover").coordinatorId();
            TopicPartition victim = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p))
                    .filter(tp -> leader(tp) != coordinator).findFirst().orElseThrow();
            int stopped = leader(victim);
            cluster.stop(stopped);
            cluster.awaitImage("a new leader for " + victim, image -> {
                PartitionRegistration partition = image.topic(topic).partition(victim.partition());
                return partition.hasLeader() && partition.leader() != stopped;
            });
            producer.commitTransaction();
            awaitState("cluster-failover", TransactionState.COMPLETE_COMMIT);
            assertNotEquals(stopped, leader(victim));
            assertEquals(Set.of("v-0", "v-1", "v-2"), new HashSet<>(values(read(topic, "read_committed", 3))));
            cluster.start(stopped);
            cluster.awaitAllUnfenced();
        }
    }

    private void createSpreadTopic(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 3))).all().get();
        cluster.awaitImage("topic " + topic + " with a leader per partition", image -> image.topic(topic) != null
                && image.topic(topic).partitions().values().stream().allMatch(PartitionRegistration::hasLeader));
        Await.until(WAIT, "every partition of " + topic + " accepting reads", () -> {
            try {
                for (int p = 0; p < PARTITIONS; p++) {
                    offset(new TopicPartition(topic, p), IsolationLevel.READ_UNCOMMITTED);
                }
                return true;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private int leader(TopicPartition tp) {
        return cluster.image(cluster.running().keySet().iterator().next()).topic(tp.topic()).partition(tp.partition()).leader();
    }

    private Set<Integer> leaders(String topic) {
        return IntStream.range(0, PARTITIONS).mapToObj(p -> leader(new TopicPartition(topic, p))).collect(Collectors.toSet());
    }

    /** @return a group id whose coordinator is not the transactional id's coordinator */
    private String findGroupCoordinatedAwayFrom(String transactionalId) throws Exception {
        try (KafkaProducer<String, String> producer = producer(transactionalId)) {
            producer.initTransactions();
        }
        int transactionCoordinator = describe(transactionalId).coordinatorId();
        for (int i = 0; i < 100; i++) {
            String group = "ctp-group-" + i;
            int coordinator = admin.describeConsumerGroups(List.of(group)).all().get().get(group).coordinator().id();
            if (coordinator != transactionCoordinator) {
                return group;
            }
        }
        throw new AssertionError("every group is coordinated by node " + transactionCoordinator);
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset.offset())));
            return offsets;
        } catch (Exception e) {
            return Map.of();
        }
    }

    private KafkaProducer<String, String> producer(String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private long offset(TopicPartition tp, IsolationLevel isolation) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest()), new ListOffsetsOptions(isolation)).all().get().get(tp).offset();
    }

    private TransactionDescription describe(String transactionalId) throws Exception {
        return admin.describeTransactions(List.of(transactionalId)).description(transactionalId).get();
    }

    private TransactionDescription awaitState(String transactionalId, TransactionState state) {
        TransactionDescription[] last = new TransactionDescription[1];
        Await.until(WAIT, transactionalId + " in " + state, () -> {
            try {
                last[0] = describe(transactionalId);
                return last[0].state() == state;
            } catch (Exception e) {
                return false;
            }
        });
        return last[0];
    }

    private List<ConsumerRecord<String, String>> read(String topic, String isolation, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (read.size() < expected && System.nanoTime() - deadline < 0) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            consumer.poll(Duration.ofMillis(300)).forEach(read::add);
        }
        return read;
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
