package io.samsa.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.broker.Broker;
import io.samsa.broker.interop.transactions.TransactionalClients;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.util.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * confluent-kafka (librdkafka 2.0.2, Debian python3-confluent-kafka) transactions against one
 * in-process broker: a consume-transform-produce script ({@code confluent_transactions.py}) that
 * calls init_transactions, begin_transaction, produce, send_offsets_to_transaction and commits one
 * transaction and aborts the next. The committed output and the group's committed offset move
 * together; the aborted transaction moves neither, and only read_uncommitted sees its records.
 */
class ConfluentTransactionsInteropTest {
    private static final Path SCRIPT = Path.of("src/test/resources/interop/transactions/confluent_transactions.py");
    private static final int RECORDS = 6;

    @TempDir
    Path dataDir;

    @Test
    void consumeTransformProduceCommitsThenAborts() throws Exception {
        Broker broker = BrokerAssembly.build(TestBrokers.config(Map.of("log.dirs", dataDir.toString(),
                "transaction.state.log.num.partitions", "3", "group.initial.rebalance.delay.ms", "0")), Time.SYSTEM).start();
        try (Admin admin = TestBrokers.admin(broker)) {
            String bootstrap = "127.0.0.1:" + broker.boundPort();
            JavaOracle.createTopic(bootstrap, "confluent-txn-in", 1);
            JavaOracle.createTopic(bootstrap, "confluent-txn-out", 1);
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrap);
            try (KafkaProducer<String, String> input = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < RECORDS; i++) {
                    input.send(new ProducerRecord<>("confluent-txn-in", 0, "k" + i, "i" + i)).get();
                }
            }

            ToolProcess.Result result = ToolProcess.run(List.of(InteropTools.confluentPython().toString(), "-u",
                    SCRIPT.toAbsolutePath().toString(), bootstrap, "confluent-txn-in", "confluent-txn-out", "confluent-txn-group",
                    "confluent-txn-id", String.valueOf(RECORDS)), new byte[0], Duration.ofSeconds(90)).requireSuccess();
            assertEquals(List.of("consumed 6", "committed 3 offset 3", "aborted 3 offset 6", "done"), result.lines(), result::toString);

            assertEquals(List.of("t-i0", "t-i1", "t-i2"), values(bootstrap, "confluent-txn-out", "read_committed", 3));
            assertEquals(List.of("t-i0", "t-i1", "t-i2", "t-i3", "t-i4", "t-i5"),
                    values(bootstrap, "confluent-txn-out", "read_uncommitted", 6));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("confluent-txn-group")
                    .partitionsToOffsetAndMetadata().get();
            assertEquals(3L, committed.get(new TopicPartition("confluent-txn-in", 0)).offset(),
                    "the committed transaction's offset, not the aborted one's: " + committed);
        } finally {
            broker.close();
        }
    }

    private static List<String> values(String bootstrap, String topic, String isolation, int expected) {
        return TransactionalClients.values(TransactionalClients.readAll(bootstrap, topic, 1, isolation, expected));
    }
}
