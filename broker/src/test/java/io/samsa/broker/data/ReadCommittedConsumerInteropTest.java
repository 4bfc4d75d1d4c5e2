package io.samsa.broker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.broker.Broker;
import io.samsa.broker.storage.StorageComponent;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.EndTransactionMarker;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.testing.Await;
import io.samsa.storage.PartitionLog;
import java.nio.charset.StandardCharsets;
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

    @TempDir
    Path dir;

    @Test
    void kafkaConsumersSeeCommittedRecordsOnlyWithReadCommitted() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, TOPIC, 1, Map.of());
            PartitionLog log = broker.component(StorageComponent.class).orElseThrow().logs()
                    .getLog(new io.samsa.storage.TopicPartition(TOPIC, 0)).orElseThrow();
            log.appendAsLeader(txn(1, "a1", "a2"), 0);                          // 0-1 aborted
            log.appendAsLeader(txn(2, "b1"), 0);                                // 2   committed
            log.appendAsLeader(marker(1, ControlRecordType.ABORT), 0);          // 3
            log.appendAsLeader(marker(2, ControlRecordType.COMMIT), 0);         // 4
            log.appendAsLeader(plain("c"), 0);                                  // 5
            log.appendAsLeader(txn(3, "d"), 0);                                 // 6   open
            log.appendAsLeader(plain("e"), 0);                                  // 7

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

    private static MemoryRecords txn(long producerId, String... values) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE).producer(producerId, (short) 0, 0)
                .transactional(true);
        return withValues(builder, values);
    }

    private static MemoryRecords plain(String... values) {
        return withValues(RecordBatchBuilder.create(CompressionType.NONE), values);
    }

    private static MemoryRecords withValues(RecordBatchBuilder builder, String... values) {
        for (String value : values) {
            builder.append(System.currentTimeMillis(), null, value.getBytes(StandardCharsets.UTF_8));
        }
        return new MemoryRecords(builder.build());
    }

    private static MemoryRecords marker(long producerId, ControlRecordType type) {
        return new MemoryRecords(RecordBatchBuilder.endTransactionMarker(0, System.currentTimeMillis(), 0, producerId, (short) 0,
                new EndTransactionMarker(type, 0)));
    }
}
