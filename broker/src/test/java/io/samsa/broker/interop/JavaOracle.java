package io.samsa.broker.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The reference side of every interop test: Apache Kafka's 4.1 Java client (test scope) creates
 * topics and reads back what the client under test wrote, so a round trip through one client
 * cannot hide a broker fault that client happens to tolerate.
 *
 * <p>Stateless; each call opens and closes its own client.
 */
final class JavaOracle {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private JavaOracle() {
    }

    /** Creates the topic with the broker's default.replication.factor (1 on one broker, 3 on a test cluster). */
    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
        }
    }

    /** @return partitions per topic name, as Metadata reports them */
    static Map<String, Integer> partitionCounts(String bootstrap, Set<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            Map<String, Integer> counts = new TreeMap<>();
            described.forEach((name, description) -> counts.put(name, description.partitions().size()));
            return counts;
        }
    }

    /** Reads every partition of {@code topic} from its start to its current end, in partition then offset order. */
    static List<KeyedRecord> readAll(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<KeyedRecord> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() - deadlineNs > 0) {
                    throw new AssertionError("reading " + topic + " did not reach " + end + " within " + TIMEOUT
                            + "; read " + records.size());
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new KeyedRecord(record.partition(), record.offset(), record.key(), record.value()));
                }
            }
        }
        records.sort(Comparator.comparingInt(KeyedRecord::partition).thenComparingLong(KeyedRecord::offset));
        return records;
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey(), TIMEOUT) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }
}
