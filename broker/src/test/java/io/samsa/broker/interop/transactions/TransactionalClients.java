package io.samsa.broker.interop.transactions;

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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The kafka-clients 4.1 calls the transaction interop tests share: a transactional producer, a
 * reader of whole partitions under an isolation level, end offsets and last stable offsets.
 *
 * <p>Stateless; each call opens its own client (the caller closes a returned producer).
 */
public final class TransactionalClients {
    private TransactionalClients() {
    }

    /** @return a string producer with {@code transactionalId} and {@code timeoutMs} as transaction.timeout.ms */
    public static KafkaProducer<String, String> producer(String bootstrap, String transactionalId, int timeoutMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, timeoutMs);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /**
     * Reads partitions {@code 0..partitions-1} of {@code topic} from the start until {@code expected}
     * records arrived (or 10 s passed), then polls once more so that anything beyond them shows.
     */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, int partitions, String isolation,
                                                        int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (read.size() < expected && System.nanoTime() - deadline < 0) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            consumer.poll(Duration.ofMillis(300)).forEach(read::add);
        }
        return read;
    }

    /** @return the values {@link #readAll} read, in partition-then-offset order per partition */
    public static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /** @return the log end offset of one partition (ListOffsets latest, read_uncommitted) */
    public static long endOffset(Admin admin, String topic, int partition) throws Exception {
        return latest(admin, new TopicPartition(topic, partition), IsolationLevel.READ_UNCOMMITTED);
    }

    /** @return the last stable offset of one partition (ListOffsets latest, read_committed) */
    public static long lastStableOffset(Admin admin, String topic, int partition) throws Exception {
        return latest(admin, new TopicPartition(topic, partition), IsolationLevel.READ_COMMITTED);
    }

    private static long latest(Admin admin, TopicPartition partition, IsolationLevel isolation) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(isolation))
                .all().get().get(partition).offset();
    }

    /** @return whether {@code error} or one of its causes is a {@code type} */
    public static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cursor = error; cursor != null; cursor = cursor.getCause()) {
            if (type.isInstance(cursor)) {
                return true;
            }
        }
        return false;
    }
}
