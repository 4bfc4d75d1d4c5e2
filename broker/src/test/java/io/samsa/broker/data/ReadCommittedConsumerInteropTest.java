package io.samsa.broker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.broker.Broker;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.testing.Await;
import io.samsa.storage.PartitionLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka-clients 4.1's consumer and Admin over 127.0.0.1 against transactions written to a Samsa
 * partition (data and markers through the leader append path): read_committed sees committed records
 * only and stops at the last stable offset; read_uncommitted sees everything; listOffsets with
 * READ_COMMITTED answers the LSO.
 */
class ReadCommittedConsumerInteropTest {
    private static final String TOPIC = "rc-interop";
    private static final short EPOCH = 0;

    @TempDir
    Path dir;

    @Test
    void kafkaConsumersSeeCommittedRecordsOnlyWithReadCommitted() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, TOPIC, 1, Map.of());
            PartitionLog log = TxnRecords.log(broker, TOPIC);
            long now = System.currentTimeMillis();
            log.appendAsLeader(TxnRecords.txn(1, EPOCH, now, "a1", "a2"), 0);                     // 0-1 aborted
            log.appendAsLeader(TxnRecords.txn(2, EPOCH, now, "b1"), 0);                           // 2   committed
            log.appendAsLeader(TxnRecords.marker(1, EPOCH, ControlRecordType.ABORT, 0, now), 0);  // 3
            log.appendAsLeader(TxnRecords.marker(2, EPOCH, ControlRecordType.COMMIT, 0, now), 0); // 4
            log.appendAsLeader(TxnRecords.plain(now, "c"), 0);                                    // 5
            log.appendAsLeader(TxnRecords.txn(3, EPOCH, now, "d"), 0);                            // 6   open
            log.appendAsLeader(TxnRecords.plain(now, "e"), 0);                                    // 7

            assertEquals(List.of("b1", "c"), consume(broker, IsolationLevel.READ_COMMITTED, 6));
            assertEquals(List.of("a1", "a2", "b1", "c", "d", "e"), consume(broker, IsolationLevel.READ_UNCOMMITTED, 8));

            TopicPartition tp = new TopicPartition(TOPIC, 0);
            try (Admin admin = DataBrokers.admin(broker)) {
                assertEquals(6, admin.listOffsets(Map.of(tp, OffsetSpec.latest()),
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).partitionResult(tp).get().offset());
                assertEquals(8, admin.listOffsets(Map.of(tp, OffsetSpec.latest()),
                        new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).partitionResult(tp).get().offset());
            }
        }
    }

    /** Reads from the beginning until the consumer's position reaches {@code endPosition}. */
    private static List<String> consume(Broker broker, IsolationLevel isolation, long endPosition) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DataBrokers.bootstrap(broker));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(java.util.Locale.ROOT));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(tp));
            Await.until(Duration.ofSeconds(30), isolation + " consumer at position " + endPosition, () -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(record.value());
                }
                return consumer.position(tp) >= endPosition;
            });
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                values.add(record.value()); // nothing more may come: read_committed stops at the LSO
            }
            assertEquals(endPosition, consumer.position(tp));
        }
        return values;
    }
}
