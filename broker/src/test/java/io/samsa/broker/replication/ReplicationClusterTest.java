package io.samsa.broker.replication;

import static io.samsa.broker.replication.ReplicaCluster.await;
import static io.samsa.broker.replication.ReplicaCluster.bytesUpTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three in-process brokers replicating one partition, leadership assigned by the test: a
 * kafka-clients 4.1 producer with acks=all to the leader, followers fetching, consumers bounded by
 * the high watermark, a leader change that truncates the old leader's unreplicated tail, and
 * min.insync.replicas refusing acks=all without a hang.
 */
class ReplicationClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "replicated";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    @TempDir
    Path dir;

    private static KafkaProducer<String, String> producer(String bootstrap, String acks, int retries) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        props.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(retries));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static List<String> consumeAll(String bootstrap, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (values.size() < expected && System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static long endOffsetSeenByConsumers(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(TOPIC, 0);
            return consumer.endOffsets(List.of(tp), WAIT).get(tp);
        }
    }

    private static PartitionRole role(int epoch, int leader, List<Integer> replicas, List<Integer> isr) {
        return new PartitionRole(epoch, leader, replicas, isr, epoch);
    }

    private static void assertIdenticalUpToHighWatermark(ReplicaCluster cluster, int... ids) {
        PartitionLog reference = cluster.log(ids[0], TP);
        long hw = reference.highWatermark();
        byte[] expected = bytesUpTo(reference, hw);
        assertTrue(expected.length > 0);
        for (int id : ids) {
            PartitionLog log = cluster.log(id, TP);
            assertArrayEquals(expected, bytesUpTo(log, hw), "broker " + id + "'s log up to the high watermark " + hw);
        }
    }

    @Test
    void acksAllProduceIsReplicatedAndConsumersReadBelowTheHighWatermark() throws Exception {
        try (ReplicaCluster cluster = new ReplicaCluster(dir, Map.of()).start(3)) {
            cluster.createTopic(TOPIC, 1, Map.of());
            PartitionRole role = role(1, 1, List.of(1, 2, 3), List.of(1, 2, 3));
            cluster.assign(TP, role, 1, 2);
            // broker 3 has no role yet, so it does not fetch: the ISR's minimum holds the high watermark at 0
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrap(1), "1", 0)) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, "k", "early-" + i)).get();
                }
            }
            await(() -> cluster.log(2, TP).logEndOffset() == 5, WAIT, "broker 2 to replicate");
            assertEquals(0, cluster.log(1, TP).highWatermark());
            assertEquals(0, endOffsetSeenByConsumers(cluster.bootstrap(1)), "consumers see only below the high watermark");

            cluster.assign(TP, role, 3);
            List<RecordMetadata> acked = new ArrayList<>();
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrap(1), "all", 0)) {
                for (int i = 0; i < 20; i++) {
                    acked.add(producer.send(new ProducerRecord<>(TOPIC, 0, "k", "v-" + i)).get(20, TimeUnit.SECONDS));
                }
            }
            assertEquals(24, acked.get(acked.size() - 1).offset());
            assertTrue(cluster.log(1, TP).highWatermark() >= 25, "acks=all answered only once the ISR had it");
            List<String> values = consumeAll(cluster.bootstrap(1), 25);
            assertEquals(25, values.size());
            assertEquals("v-19", values.get(24));
            await(() -> cluster.log(2, TP).highWatermark() == 25 && cluster.log(3, TP).highWatermark() == 25, WAIT,
                    "followers to learn the high watermark");
            assertIdenticalUpToHighWatermark(cluster, 1, 2, 3);
            assertEquals(List.of(new io.samsa.storage.EpochEntry(1, 0)), cluster.log(3, TP).leaderEpochCache().entries());

            Properties adminProps = new Properties();
            adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(1));
            try (Admin admin = Admin.create(adminProps)) {
                org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(TOPIC, 0);
                assertEquals(3, admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(3))).lowWatermarks().get(tp).get()
                        .lowWatermark());
            }
            assertEquals(3, cluster.log(1, TP).logStartOffset());
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrap(1), "all", 0)) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "k", "after-delete")).get(20, TimeUnit.SECONDS);
            }
            await(() -> cluster.log(2, TP).logStartOffset() == 3 && cluster.log(3, TP).logStartOffset() == 3, WAIT,
                    "followers to follow the leader's log start");
        }
    }

    @Test
    void aNewLeaderMakesTheOldLeaderTruncateItsUnreplicatedTail() throws Exception {
        try (ReplicaCluster cluster = new ReplicaCluster(dir, Map.of("num.replica.fetchers", "2")).start(3)) {
            cluster.createTopic(TOPIC, 1, Map.of());
            cluster.assign(TP, role(1, 1, List.of(1, 2, 3), List.of(1, 2, 3)), 1, 2, 3);
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrap(1), "all", 0)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, "k", "committed-" + i)).get(20, TimeUnit.SECONDS);
                }
            }
            await(() -> cluster.log(2, TP).logEndOffset() == 10 && cluster.log(3, TP).logEndOffset() == 10, WAIT, "replication");
            // the followers stop fetching; the leader takes records nobody else gets
            cluster.replicas(2).removeRole(TP);
            cluster.replicas(3).removeRole(TP);
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrap(1), "1", 0)) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, "k", "lost-" + i)).get(20, TimeUnit.SECONDS);
                }
            }
            assertEquals(15, cluster.log(1, TP).logEndOffset());

            // broker 2 takes over under epoch 2 and writes its own records at offsets 10..12
            PartitionRole next = role(2, 2, List.of(1, 2, 3), List.of(2, 3));
            cluster.assign(TP, next, 2, 3);
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrap(2), "1", 0)) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, "k", "new-" + i)).get(20, TimeUnit.SECONDS);
                }
            }
            cluster.assign(TP, next, 1);
            await(() -> cluster.log(1, TP).logEndOffset() == 13 && cluster.log(1, TP).latestEpoch() == 2, WAIT,
                    "the old leader to truncate and catch up");
            await(() -> cluster.log(2, TP).highWatermark() == 13, WAIT, "the new leader's high watermark");
            await(() -> cluster.log(1, TP).highWatermark() == 13, WAIT, "the old leader to learn the high watermark");
            assertIdenticalUpToHighWatermark(cluster, 2, 1, 3);
            List<String> values = consumeAll(cluster.bootstrap(2), 13);
            assertEquals("committed-9", values.get(9));
            assertEquals("new-0", values.get(10));
            assertTrue(values.stream().noneMatch(v -> v.startsWith("lost-")));
        }
    }

    @Test
    void aRestartedFollowerKeepsItsHighWatermarkAndCatchesUp() throws Exception {
        try (ReplicaCluster cluster = new ReplicaCluster(dir, Map.of()).start(3)) {
            cluster.createTopic(TOPIC, 1, Map.of());
            PartitionRole role = role(1, 1, List.of(1, 2, 3), List.of(1, 2, 3));
            cluster.assign(TP, role, 1, 2, 3);
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrap(1), "all", 0)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, "k", "before-" + i)).get(20, TimeUnit.SECONDS);
                }
            }
            await(() -> cluster.log(3, TP).highWatermark() == 10, WAIT, "broker 3 to learn the high watermark");
            cluster.stop(3);
            assertTrue(Files.readAllLines(dir.resolve("broker-3").resolve("replication-offset-checkpoint"))
                    .contains("replicated 0 10"), "the high watermark is checkpointed at shutdown");
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrap(1), "1", 0)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, "k", "while-down-" + i)).get(20, TimeUnit.SECONDS);
                }
            }
            assertEquals(10, cluster.log(1, TP).highWatermark(), "broker 3 is still in the ISR and has only 10");

            cluster.startBroker(3);
            cluster.assign(TP, role, 3);
            await(() -> cluster.log(1, TP).highWatermark() == 20, WAIT, "the restarted follower to catch up");
            await(() -> cluster.log(3, TP).highWatermark() == 20, WAIT, "the restarted follower's high watermark");
            assertIdenticalUpToHighWatermark(cluster, 1, 2, 3);
        }
    }

    @Test
    void aNewFollowerBehindTheLeadersLogStartRestartsThere() throws Exception {
        try (ReplicaCluster cluster = new ReplicaCluster(dir, Map.of()).start(2)) {
            cluster.createTopic(TOPIC, 1, Map.of());
            PartitionRole role = role(1, 1, List.of(1, 2), List.of(1));
            cluster.assign(TP, role, 1);
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrap(1), "all", 0)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, "k", "v-" + i)).get(20, TimeUnit.SECONDS);
                }
            }
            PartitionLog leaderLog = cluster.log(1, TP);
            assertEquals(5, leaderLog.deleteRecordsBefore(5));
            cluster.assign(TP, role, 2);
            await(() -> cluster.log(2, TP).logEndOffset() == 10, WAIT, "the new follower to catch up");
            assertEquals(5, cluster.log(2, TP).logStartOffset(), "restarted at the leader's log start");
            ReplicatedPartition leader = cluster.replicas(1).partition(TP).orElseThrow();
            await(() -> leader.isr().equals(List.of(1, 2)), WAIT, "the caught-up follower to join the ISR");
            await(() -> cluster.log(2, TP).highWatermark() == 10, WAIT, "the follower's high watermark");
            assertIdenticalUpToHighWatermark(cluster, 1, 2);
        }
    }

    @Test
    void acksAllWithTooSmallAnIsrFailsWithNotEnoughReplicasInsteadOfHanging() throws Exception {
        Map<String, String> fastLag = Map.of("replica.lag.time.max.ms", "1000");
        try (ReplicaCluster cluster = new ReplicaCluster(dir, fastLag).start(3)) {
            cluster.createTopic(TOPIC, 1, Map.of("min.insync.replicas", "2"));
            cluster.assign(TP, role(1, 1, List.of(1, 2), List.of(1, 2)), 1, 2);
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrap(1), "all", 0)) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "k", "ok")).get(20, TimeUnit.SECONDS);
            }
            cluster.stop(2);
            ReplicatedPartition leader = cluster.replicas(1).partition(TP).orElseThrow();
            long started = System.nanoTime();
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrap(1), "all", 0)) {
                // appended with the ISR still {1, 2}; a caught-up follower only lags once there is
                // something to lag behind, so the ISR shrinks during the wait
                ExecutionException afterAppend = assertThrows(ExecutionException.class,
                        () -> producer.send(new ProducerRecord<>(TOPIC, 0, "k", "waited")).get(20, TimeUnit.SECONDS));
                assertInstanceOf(NotEnoughReplicasAfterAppendException.class, afterAppend.getCause());
                assertEquals(List.of(1), leader.isr());
                assertEquals(List.of(1), cluster.controller().last().change().newIsr());
                ExecutionException before = assertThrows(ExecutionException.class,
                        () -> producer.send(new ProducerRecord<>(TOPIC, 0, "k", "refused")).get(20, TimeUnit.SECONDS));
                assertInstanceOf(NotEnoughReplicasException.class, before.getCause());
            }
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "answered, not hung");
            assertEquals(2, cluster.log(1, TP).logEndOffset(), "the refused batch was not appended");
        }
    }
}
