package io.samsa.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerRecord;
import io.samsa.client.consumer.OffsetAndMetadata;
import io.samsa.client.consumer.SamsaConsumer;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.ProducerFencedException;
import io.samsa.client.errors.RecordTooLargeException;
import io.samsa.client.errors.TransactionAbortedException;
import io.samsa.client.serialization.StringDeserializer;
import io.samsa.client.serialization.StringSerializer;
import io.samsa.client.testing.BrokerUnderTest;
import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SamsaProducer's transactions against the broker a subclass starts ({@code SamsaTransactionsOnKafkaTest}
 * for Apache Kafka 4.1, {@code SamsaTransactionsOnSamsaTest} for the Samsa broker), on 127.0.0.1,
 * read back with SamsaConsumer and kafka-clients' consumer under both isolation levels. One broker
 * per class; each test has its own topics and transactional id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SamsaTransactionsInteropCases {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How long a read that expects nothing more keeps polling. */
    private static final Duration QUIET = Duration.ofMillis(500);

    private BrokerUnderTest broker;
    private Admin admin;

    /** The broker this class's tests run against; started once, closed after the last test. */
    protected abstract BrokerUnderTest startBroker();

    @BeforeAll
    void start() {
        broker = startBroker();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void createTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    private SamsaProducer<String, String> transactional(String transactionalId, Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("transactional.id", transactionalId);
        config.put("transaction.timeout.ms", 30_000);
        config.put("max.block.ms", 20_000);
        config.put("retry.backoff.ms", 20);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return new SamsaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private SamsaConsumer<String, String> consumer(String isolation, Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("isolation.level", isolation);
        config.put("key.deserializer", StringDeserializer.class);
        config.put("value.deserializer", StringDeserializer.class);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return new SamsaConsumer<>(config);
    }

    /** Values of a topic read from the beginning with a SamsaConsumer, in partition then offset order. */
    private List<String> readValues(String topic, int partitions, String isolation, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (SamsaConsumer<String, String> consumer = consumer(isolation)) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            collect(records, expected, topic + " (" + isolation + ")", () -> consumer.poll(Duration.ofMillis(100)));
        }
        records.sort(java.util.Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset));
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /** Polls into {@code into} until {@code expected} records arrived, then for {@link #QUIET} more so extra records show up. */
    private static <R> void collect(List<R> into, int expected, String what, java.util.function.Supplier<Iterable<R>> poll) {
        Await.until(WAIT, expected + " records of " + what, () -> {
            poll.get().forEach(into::add);
            return into.size() >= expected;
        });
        long quietEndNs = System.nanoTime() + QUIET.toNanos();
        while (System.nanoTime() - quietEndNs < 0) {
            poll.get().forEach(into::add);
        }
    }

    /** The same read with kafka-clients 4.1's consumer. */
    private List<String> readValuesWithKafka(String topic, int partitions, String isolation, int expected) {
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(), "isolation.level", isolation);
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config,
            new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new org.apache.kafka.common.TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            collect(records, expected, topic + " (kafka-clients, " + isolation + ")", () -> consumer.poll(Duration.ofMillis(100)));
        }
        records.sort(java.util.Comparator.<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>comparingInt(
            org.apache.kafka.clients.consumer.ConsumerRecord::partition).thenComparingLong(
            org.apache.kafka.clients.consumer.ConsumerRecord::offset));
        return records.stream().map(org.apache.kafka.clients.consumer.ConsumerRecord::value).toList();
    }

    /** One transaction of one record to partition 0, committed. */
    private static void commitOne(SamsaProducer<String, String> producer, String topic, String value) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, 0, null, value));
        producer.commitTransaction();
    }

    /** What read_committed consumers of both clients (SamsaConsumer and kafka-clients 4.1) see, from the beginning. */
    private void assertReadCommitted(List<String> expected, String topic, int partitions) {
        assertEquals(expected, readValues(topic, partitions, "read_committed", expected.size()), "SamsaConsumer read_committed");
        assertEquals(expected, readValuesWithKafka(topic, partitions, "read_committed", expected.size()),
            "kafka-clients 4.1 read_committed");
    }

    private static List<String> values(String prefix, int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(prefix + i);
        }
        return values;
    }

    @Test
    void committedTransactionsAreSeenByReadCommittedConsumersOfBothClients() throws Exception {
        String topic = "txn-commit";
        createTopic(topic, 1);
        try (SamsaProducer<String, String> producer = transactional("txn-commit-id")) {
            producer.initTransactions();
            for (int round = 0; round < 2; round++) {
                producer.beginTransaction();
                for (String value : values("r" + round + "-", 10)) {
                    producer.send(new ProducerRecord<>(topic, 0, null, value));
                }
                producer.commitTransaction();
            }
        }
        List<String> expected = new ArrayList<>(values("r0-", 10));
        expected.addAll(values("r1-", 10));
        assertReadCommitted(expected, topic, 1);
    }

    @Test
    void anAbortedTransactionIsSeenOnlyByReadUncommitted() throws Exception {
        String topic = "txn-abort";
        createTopic(topic, 2);
        try (SamsaProducer<String, String> producer = transactional("txn-abort-id")) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, null, "aborted-" + i));
            }
            producer.flush();
            producer.abortTransaction();
            commitOne(producer, topic, "committed");
        }
        assertReadCommitted(List.of("committed"), topic, 2);
        List<String> uncommitted = readValues(topic, 2, "read_uncommitted", 11);
        assertEquals(11, uncommitted.size(), uncommitted.toString());
        assertTrue(uncommitted.containsAll(values("aborted-", 10)) && uncommitted.contains("committed"), uncommitted.toString());
    }

    @Test
    void abortDropsRecordsNotYetSentWithTransactionAbortedException() throws Exception {
        String topic = "txn-abort-unsent";
        createTopic(topic, 1);
        try (SamsaProducer<String, String> producer = transactional("txn-abort-unsent-id", "linger.ms", 60_000,
            "batch.size", 1_000_000, "delivery.timeout.ms", 120_000)) {
            producer.initTransactions();
            producer.beginTransaction();
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                futures.add(producer.send(new ProducerRecord<>(topic, 0, null, "never-" + i)));
            }
            producer.abortTransaction();
            for (Future<RecordMetadata> future : futures) {
                ExecutionException failure = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
                assertInstanceOf(TransactionAbortedException.class, failure.getCause());
            }
            commitOne(producer, topic, "after");
        }
        assertEquals(List.of("after"), readValues(topic, 1, "read_uncommitted", 1), "the dropped records never reached the log");
    }

    @Test
    void consumeTransformProduceMovesOffsetsAndOutputsTogether() throws Exception {
        String input = "ctp-in";
        String output = "ctp-out";
        String group = "ctp-group";
        createTopic(input, 1);
        createTopic(output, 1);
        try (SamsaProducer<String, String> plain = new SamsaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
            new StringSerializer(), new StringSerializer())) {
            for (String value : values("in-", 8)) {
                plain.send(new ProducerRecord<>(input, 0, null, value));
            }
            plain.flush();
        }
        try (SamsaProducer<String, String> producer = transactional("ctp-id");
             SamsaConsumer<String, String> consumer = consumer("read_committed", "group.id", group,
                 "enable.auto.commit", false, "auto.offset.reset", "earliest")) {
            producer.initTransactions();
            consumer.subscribe(List.of(input));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            Await.until(WAIT, "8 input records", () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                return read.size() >= 8;
            });
            // the first five go out with their offsets and commit
            transform(consumer, producer, output, read.subList(0, 5), true);
            // Kafka writes the markers after EndTxn returns: the offsets become visible a moment later
            Await.until(WAIT, "the committed offsets", () -> committedOffset(group, input) == 5);
            // the last three go out with their offsets and abort: neither moves
            transform(consumer, producer, output, read.subList(5, 8), false);
            assertEquals(5, committedOffset(group, input), "an aborted transaction does not move the group's offsets");
            assertTrue(consumer.groupMetadata().generationId() > 0, "a member of the group, with a generation");
        }
        assertEquals(List.of("out-in-0", "out-in-1", "out-in-2", "out-in-3", "out-in-4"), readValues(output, 1, "read_committed", 5));
        assertEquals(8, readValues(output, 1, "read_uncommitted", 8).size());
    }

    /** Sends one output per input record and the offsets after them, in one transaction; then commits or aborts. */
    private void transform(SamsaConsumer<String, String> consumer, SamsaProducer<String, String> producer, String output,
                           List<ConsumerRecord<String, String>> taken, boolean commit) {
        producer.beginTransaction();
        for (ConsumerRecord<String, String> record : taken) {
            producer.send(new ProducerRecord<>(output, 0, null, "out-" + record.value()));
        }
        ConsumerRecord<String, String> last = taken.get(taken.size() - 1);
        producer.sendOffsetsToTransaction(Map.of(new TopicPartition(last.topic(), last.partition()),
            new OffsetAndMetadata(last.offset() + 1)), consumer.groupMetadata());
        if (commit) {
            producer.commitTransaction();
        } else {
            // sent first, so the aborted records are in the log (an abort drops what is not sent yet)
            producer.flush();
            producer.abortTransaction();
        }
    }

    /** The group's committed offset of partition 0 (-1: none), read with require_stable (no pending transactional offsets). */
    private long committedOffset(String group, String topic) {
        try {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group, new org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions()
                    .requireStable(true)).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            org.apache.kafka.clients.consumer.OffsetAndMetadata offset = offsets.get(new org.apache.kafka.common.TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException("listConsumerGroupOffsets(" + group + ") failed", e);
        }
    }


    @Test
    void aBatchRefusedByTheBrokerMakesTheTransactionAbortableAndTheAbortBumpsTheEpoch() throws Exception {
        String topic = "txn-abortable";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "2000"))))
            .all().get(30, TimeUnit.SECONDS);
        try (SamsaProducer<String, String> producer = transactional("txn-abortable-id")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, null, "small-aborted")).get(20, TimeUnit.SECONDS);
            Future<RecordMetadata> tooLarge = producer.send(new ProducerRecord<>(topic, 0, null, "x".repeat(10_000)));
            ExecutionException refused = assertThrows(ExecutionException.class, () -> tooLarge.get(20, TimeUnit.SECONDS));
            assertInstanceOf(RecordTooLargeException.class, refused.getCause());
            KafkaException commit = assertThrows(KafkaException.class, producer::commitTransaction);
            assertInstanceOf(RecordTooLargeException.class, commit.getCause(), "commit names the abortable error");
            producer.abortTransaction();
            // the refused batch left a gap in the sequences: the abort bumped the epoch, and the next transaction goes on
            commitOne(producer, topic, "committed");
        }
        assertReadCommitted(List.of("committed"), topic, 1);
    }

    @Test
    void aSecondProducerWithTheSameIdFencesTheFirst() throws Exception {
        String topic = "txn-zombie";
        createTopic(topic, 1);
        try (SamsaProducer<String, String> zombie = transactional("zombie-id");
             SamsaProducer<String, String> successor = transactional("zombie-id")) {
            zombie.initTransactions();
            zombie.beginTransaction();
            zombie.send(new ProducerRecord<>(topic, 0, null, "zombie")).get(20, TimeUnit.SECONDS);
            successor.initTransactions();
            assertThrows(ProducerFencedException.class, zombie::commitTransaction);
            assertThrows(ProducerFencedException.class, zombie::beginTransaction, "fatal: every later call throws it");
            assertThrows(ProducerFencedException.class, zombie::abortTransaction);
            ExecutionException send = assertThrows(ExecutionException.class,
                () -> zombie.send(new ProducerRecord<>(topic, 0, null, "zombie-2")).get(20, TimeUnit.SECONDS));
            assertInstanceOf(ProducerFencedException.class, send.getCause());
            commitOne(successor, topic, "successor");
        }
        assertReadCommitted(List.of("successor"), topic, 1);
    }
}
