package io.samsa.broker.interop.transactions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.interop.groups.KafkaTool;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.tools.TransactionsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka-clients 4.1 transactions against one in-process Samsa broker over 127.0.0.1 (transaction
 * version 1: the broker does not finalize transaction.version 2). Each test uses its own
 * transactional id and topic. What a transaction wrote is checked with read_uncommitted reads
 * (the records and the marker's offset), the coordinator's own view (DescribeTransactions) and a
 * read_committed consumer (it sees only committed transactions).
 */
class TransactionsInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    private static Broker broker;
    private static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = BrokerAssembly.build(TestBrokers.config(Map.of("log.dirs", dataDir.toString(),
                "transaction.state.log.num.partitions", "3",
                "transaction.abort.timed.out.transaction.cleanup.interval.ms", "200",
                "transaction.max.timeout.ms", "60000")), Time.SYSTEM).start();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        admin = Admin.create(props);
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static String bootstrap() {
        return "127.0.0.1:" + broker.boundPort();
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }

    private static KafkaProducer<String, String> producer(String transactionalId, int timeoutMs) {
        return TransactionalClients.producer(bootstrap(), transactionalId, timeoutMs);
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int partitions, String isolation, int expected) {
        return TransactionalClients.readAll(bootstrap(), topic, partitions, isolation, expected);
    }

    /** One transaction of {@code aborted} values aborted, then one of {@code committed} committed, to partition 0. */
    private static void abortThenCommit(String transactionalId, String topic, List<String> aborted, String committed) {
        try (KafkaProducer<String, String> producer = producer(transactionalId, 20_000)) {
            producer.initTransactions();
            producer.beginTransaction();
            aborted.forEach(value -> producer.send(new ProducerRecord<>(topic, 0, "k", value)));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "k", committed));
            producer.commitTransaction();
        }
    }

    private static long endOffset(String topic, int partition) throws Exception {
        return TransactionalClients.endOffset(admin, topic, partition);
    }

    private static long lastStableOffset(String topic, int partition) throws Exception {
        return TransactionalClients.lastStableOffset(admin, topic, partition);
    }

    private static TransactionDescription describe(String transactionalId) throws Exception {
        return admin.describeTransactions(List.of(transactionalId)).description(transactionalId).get();
    }

    private static void awaitState(String transactionalId, TransactionState state) {
        Await.until(WAIT, transactionalId + " in " + state, () -> {
            try {
                return describe(transactionalId).state() == state;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aCommittedTransactionEndsWithACommitMarkerInEveryPartition() throws Exception {
        String topic = "txn-commit";
        createTopic(topic, 2);
        try (KafkaProducer<String, String> producer = producer("commit-1", 20_000)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 6; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, "k" + i, "v" + i));
            }
            producer.commitTransaction();
        }
        awaitState("commit-1", TransactionState.COMPLETE_COMMIT);
        // three data records then the control record (the marker) in each partition
        assertEquals(4, endOffset(topic, 0));
        assertEquals(4, endOffset(topic, 1));
        List<ConsumerRecord<String, String>> read = readAll(topic, 2, "read_uncommitted", 6);
        assertEquals(Set.of("v0", "v1", "v2", "v3", "v4", "v5"), read.stream().map(ConsumerRecord::value).collect(Collectors.toSet()));
        assertTrue(read.stream().allMatch(record -> record.offset() < 3), "the marker at offset 3 is not a record: " + read);
        assertEquals(Set.of(), describe("commit-1").topicPartitions());
    }

    @Test
    void anAbortedTransactionEndsWithAMarkerAndItsRecordsStayForReadUncommitted() throws Exception {
        String topic = "txn-abort";
        createTopic(topic, 1);
        abortThenCommit("abort-1", topic, List.of("aborted-1", "aborted-2"), "committed");
        awaitState("abort-1", TransactionState.COMPLETE_COMMIT);
        assertEquals(5, endOffset(topic, 0), "two records, the abort marker, one record, the commit marker");
        List<String> values = readAll(topic, 1, "read_uncommitted", 3).stream().map(ConsumerRecord::value).toList();
        assertEquals(List.of("aborted-1", "aborted-2", "committed"), values);
    }

    @Test
    void readCommittedSeesOnlyTheCommittedTransaction() throws Exception {
        String topic = "txn-read-committed";
        createTopic(topic, 1);
        abortThenCommit("read-committed-1", topic, List.of("aborted"), "committed");
        List<String> values = readAll(topic, 1, "read_committed", 1).stream().map(ConsumerRecord::value).toList();
        assertEquals(List.of("committed"), values);
    }

    @Test
    void aSecondProducerWithTheSameIdFencesTheFirst() throws Exception {
        String topic = "txn-zombie";
        createTopic(topic, 1);
        try (KafkaProducer<String, String> zombie = producer("zombie-1", 20_000);
             KafkaProducer<String, String> successor = producer("zombie-1", 20_000)) {
            zombie.initTransactions();
            zombie.beginTransaction();
            zombie.send(new ProducerRecord<>(topic, 0, "k", "from-zombie")).get();
            long zombieProducerId = describe("zombie-1").producerId();

            successor.initTransactions();
            TransactionDescription afterFence = describe("zombie-1");
            assertEquals(zombieProducerId, afterFence.producerId());
            assertTrue(afterFence.producerEpoch() >= 2, "fenced twice over: abort of the open transaction, then the new epoch");

            KafkaException failure = assertThrows(KafkaException.class, zombie::commitTransaction);
            assertTrue(TransactionalClients.causedBy(failure, ProducerFencedException.class), () -> "expected ProducerFencedException, got " + failure);

            successor.beginTransaction();
            successor.send(new ProducerRecord<>(topic, 0, "k", "from-successor"));
            successor.commitTransaction();
        }
        awaitState("zombie-1", TransactionState.COMPLETE_COMMIT);
        List<String> values = readAll(topic, 1, "read_uncommitted", 2).stream().map(ConsumerRecord::value).toList();
        assertEquals(List.of("from-zombie", "from-successor"), values);
        // from-zombie, the abort marker written when the successor fenced it, from-successor, its commit marker
        assertEquals(4, endOffset(topic, 0));
    }

    @Test
    void aTransactionLeftOpenPastItsTimeoutIsAbortedAndItsProducerFenced() throws Exception {
        String topic = "txn-timeout";
        createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = producer("timeout-1", 1_000)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "k", "left-open")).get();
            awaitState("timeout-1", TransactionState.COMPLETE_ABORT);
            assertEquals(2, endOffset(topic, 0), "the record and the abort marker");
            assertEquals(2, lastStableOffset(topic, 0), "the aborted transaction no longer holds the last stable offset");
            KafkaException failure = assertThrows(KafkaException.class, producer::commitTransaction);
            assertTrue(TransactionalClients.causedBy(failure, ProducerFencedException.class)
                    || TransactionalClients.causedBy(failure, org.apache.kafka.common.errors.InvalidProducerEpochException.class), failure::toString);
        }
        assertEquals(List.of(), readAll(topic, 1, "read_committed", 0), "read_committed sees nothing of the timed-out transaction");
        abortThenCommit("timeout-1", topic, List.of(), "after-timeout");
        assertEquals(List.of("after-timeout"), readAll(topic, 1, "read_committed", 1).stream().map(ConsumerRecord::value).toList(),
                "the id is usable again after its producer was fenced");
    }

    @Test
    void adminDescribesAndListsAnOpenTransaction() throws Exception {
        String topic = "txn-admin";
        createTopic(topic, 3);
        try (KafkaProducer<String, String> producer = producer("admin-1", 30_000)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "k", "a")).get();
            producer.send(new ProducerRecord<>(topic, 2, "k", "b")).get();

            TransactionDescription described = describe("admin-1");
            assertEquals(TransactionState.ONGOING, described.state());
            assertEquals(30_000, described.transactionTimeoutMs());
            assertEquals(Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 2)), described.topicPartitions());
            assertTrue(described.transactionStartTimeMs().isPresent());

            Collection<TransactionListing> ongoing = admin.listTransactions(new ListTransactionsOptions()
                    .filterStates(List.of(TransactionState.ONGOING))).all().get();
            assertTrue(ongoing.stream().anyMatch(listing -> listing.transactionalId().equals("admin-1")
                    && listing.producerId() == described.producerId()), ongoing::toString);
            Collection<TransactionListing> byOtherProducer = admin.listTransactions(new ListTransactionsOptions()
                    .filterProducerIds(Set.of(described.producerId() + 1_000_000))).all().get();
            assertTrue(byOtherProducer.stream().noneMatch(listing -> listing.transactionalId().equals("admin-1")));

            KafkaTool list = KafkaTool.run(TransactionsCommand.class, "--bootstrap-server", bootstrap(), "list");
            assertEquals(0, list.exitCode(), list::describe);
            assertTrue(list.lines().stream().anyMatch(line -> line.contains("admin-1") && line.contains("Ongoing")), list::describe);
            producer.commitTransaction();
        }
        var missing = admin.describeTransactions(List.of("never-used")).description("never-used");
        Exception error = assertThrows(Exception.class, missing::get);
        assertTrue(TransactionalClients.causedBy(error, org.apache.kafka.common.errors.TransactionalIdNotFoundException.class), error::toString);
    }

    @Test
    void offsetsSentToATransactionAreCommittedWithItAndDroppedOnAbort() throws Exception {
        String input = "txn-offsets-in";
        String output = "txn-offsets-out";
        createTopic(input, 1);
        createTopic(output, 1);
        TopicPartition in = new TopicPartition(input, 0);
        ConsumerGroupMetadata group = new ConsumerGroupMetadata("txn-offsets-group");
        try (KafkaProducer<String, String> producer = producer("offsets-1", 20_000)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(output, 0, "k", "out-1"));
            producer.sendOffsetsToTransaction(Map.of(in, new OffsetAndMetadata(5)), group);
            assertEquals(Map.of(), committed(group.groupId()), "pending until the transaction commits");
            producer.commitTransaction();
            Await.until(WAIT, "offset 5 committed", () -> Long.valueOf(5).equals(committedOffset(group.groupId(), in)));

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(output, 0, "k", "out-2"));
            producer.sendOffsetsToTransaction(Map.of(in, new OffsetAndMetadata(9)), group);
            producer.abortTransaction();
        }
        awaitState("offsets-1", TransactionState.COMPLETE_ABORT);
        assertEquals(5L, committedOffset(group.groupId(), in), "the aborted transaction's offsets are dropped");
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(String groupId) throws Exception {
        return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    }

    private static Long committedOffset(String groupId, TopicPartition partition) {
        try {
            OffsetAndMetadata offset = committed(groupId).get(partition);
            return offset == null ? null : offset.offset();
        } catch (Exception e) {
            return null;
        }
    }
}
