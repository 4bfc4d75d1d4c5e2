package io.samsa.broker.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The transactional main a child JVM runs with kafka-clients 3.9.0 (see {@link LegacyClientJvm});
 * compiled against the 4.1 API, it uses only calls 3.9 has too.
 *
 * <p>{@code LegacyTransactionScenario BOOTSTRAP TOPIC TRANSACTIONAL_ID}, on a one-partition topic:
 * commits {@code c0 c1 c2}; aborts {@code a0 a1}; begins a transaction with {@code z0} that a second
 * producer with the same id fences ({@code initTransactions}), so the first producer's commit fails;
 * the second commits {@code s0}. Prints one line per step ({@code committed}, {@code aborted},
 * {@code fenced <exception>}, {@code successor committed}) and then the values a 3.9 read_committed
 * consumer reads, {@code read_committed v,v,...}. Exits 0 when every step ran, non-zero otherwise.
 */
public final class LegacyTransactionScenario {
    private static final Duration DEADLINE = Duration.ofSeconds(45);

    private LegacyTransactionScenario() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        String transactionalId = args[2];
        System.err.println("kafka-clients version " + AppInfoParser.getVersion());
        try (KafkaProducer<String, String> first = producer(bootstrap, transactionalId)) {
            first.initTransactions();
            first.beginTransaction();
            for (int i = 0; i < 3; i++) {
                first.send(new ProducerRecord<>(topic, 0, "k", "c" + i));
            }
            first.commitTransaction();
            System.out.println("committed");

            first.beginTransaction();
            first.send(new ProducerRecord<>(topic, 0, "k", "a0"));
            first.send(new ProducerRecord<>(topic, 0, "k", "a1"));
            first.flush();
            first.abortTransaction();
            System.out.println("aborted");

            first.beginTransaction();
            first.send(new ProducerRecord<>(topic, 0, "k", "z0")).get();
            try (KafkaProducer<String, String> successor = producer(bootstrap, transactionalId)) {
                successor.initTransactions();
                try {
                    first.commitTransaction();
                    System.out.println("zombie committed");
                } catch (ProducerFencedException e) {
                    System.out.println("fenced " + e.getClass().getSimpleName());
                } catch (org.apache.kafka.common.KafkaException e) {
                    System.out.println("fenced " + rootCause(e).getClass().getSimpleName());
                }
                successor.beginTransaction();
                successor.send(new ProducerRecord<>(topic, 0, "k", "s0"));
                successor.commitTransaction();
                System.out.println("successor committed");
            }
        }
        System.out.println("read_committed " + String.join(",", readCommitted(bootstrap, topic, 4)));
        System.out.flush();
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cursor = error;
        while (cursor.getCause() != null && cursor.getCause() != cursor) {
            cursor = cursor.getCause();
        }
        return cursor;
    }

    private static KafkaProducer<String, String> producer(String bootstrap, String transactionalId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("transactional.id", transactionalId);
        props.put("transaction.timeout.ms", "20000");
        props.put("max.block.ms", "30000");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** Reads partition 0 from its start with read_committed until {@code expected} values arrived, then once more. */
    private static List<String> readCommitted(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, 0);
            long deadlineNs = System.nanoTime() + DEADLINE.toNanos();
            while (values.size() < expected && System.nanoTime() - deadlineNs < 0) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // one more poll: nothing beyond what was expected may arrive
            consumer.poll(Duration.ofMillis(300)).forEach(record -> values.add(record.value()));
        }
        return values;
    }
}
