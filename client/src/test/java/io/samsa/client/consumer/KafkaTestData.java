package io.samsa.client.consumer;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.testing.BrokerUnderTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test data for consumer interop tests on a {@link BrokerUnderTest} (Kafka 4.1 or Samsa): topics
 * created and records produced with kafka-clients (the oracle), plus consumer configs and a
 * poll-until loop over several consumers.
 */
final class KafkaTestData implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(40);

    private final BrokerUnderTest kafka;
    private final Admin admin;

    private KafkaTestData(BrokerUnderTest kafka) {
        this.kafka = kafka;
        this.admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    /**
     * Wraps a started broker (one per test class) with an admin for test data; this takes ownership
     * of the broker: close stops both.
     */
    static KafkaTestData on(BrokerUnderTest broker) {
        try {
            return new KafkaTestData(broker);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    BrokerUnderTest broker() {
        return kafka;
    }

    void createTopic(String name, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // produce only once every partition has a leader (a fresh topic's first produces may bounce)
            io.samsa.protocol.testing.Await.until(WAIT, "leaders of " + name, () -> {
                try {
                    return admin.describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS).get(name).partitions()
                        .stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (Exception e) {
            throw new AssertionError("could not create " + name, e);
        }
    }

    /**
     * Produces {@code count} records to each partition: key "k-p-i", value "v-p-i", header "h" = i,
     * timestamp {@code baseTimestamp + i}.
     */
    void produce(String topic, int partitions, int count, long baseTimestamp, String compression) {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("compression.type", compression);
        props.put("linger.ms", "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < count; i++) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(topic, p, baseTimestamp + i, key(p, i), value(p, i));
                    record.headers().add(new RecordHeader("h", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
                    producer.send(record);
                }
            }
            producer.flush();
        }
    }

    static String key(int partition, int i) {
        return "k-" + partition + "-" + i;
    }

    static String value(int partition, int i) {
        return "v-" + partition + "-" + i;
    }

    Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("key.deserializer", io.samsa.client.serialization.StringDeserializer.class);
        config.put("value.deserializer", io.samsa.client.serialization.StringDeserializer.class);
        config.put("auto.offset.reset", "earliest");
        config.put("session.timeout.ms", "8000");
        config.put("heartbeat.interval.ms", "500");
        config.put("max.poll.interval.ms", "20000");
        config.put("metadata.max.age.ms", "1000");
        config.put("request.timeout.ms", "15000");
        config.put("default.api.timeout.ms", "20000");
        if (groupId != null) {
            config.put("group.id", groupId);
        }
        return config;
    }

    Properties kafkaConsumerConfig(String groupId, String assignor) {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("group.id", groupId);
        props.put("auto.offset.reset", "earliest");
        props.put("session.timeout.ms", "8000");
        props.put("heartbeat.interval.ms", "500");
        props.put("partition.assignment.strategy", assignor);
        props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        return props;
    }

    /** Polls each consumer in turn for 100 ms until the condition holds. */
    static void pollUntil(String what, List<Runnable> polls, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            polls.forEach(Runnable::run);
        }
    }

    /** A poll step that collects what a Samsa consumer returns. */
    static Runnable samsaPoll(SamsaConsumer<String, String> consumer, List<ConsumerRecord<String, String>> into) {
        return () -> consumer.poll(Duration.ofMillis(100)).forEach(into::add);
    }

    static List<TopicPartition> partitions(String topic, int count) {
        List<TopicPartition> result = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            result.add(new TopicPartition(topic, p));
        }
        return result;
    }

    @Override
    public void close() {
        try {
            admin.close();
        } finally {
            kafka.close();
        }
    }
}
