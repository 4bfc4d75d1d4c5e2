package io.samsa.broker.interop.groups;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The main a child JVM runs with another kafka-clients than the test classpath's (4.4.0, see
 * {@code LegacyClientJvm}): compiled against 4.1, using only calls both have, and no test class but
 * {@link TrackingListener} (which needs nothing but kafka-clients).
 *
 * <p>{@code ConsumerProtocolScenario BOOTSTRAP GROUP TOPIC PARTITIONS RECORDS}: prints the client
 * version to stderr; two consumers with {@code group.protocol=consumer} join the group one after
 * the other and poll (commitSync after each poll that read something, and before giving partitions
 * up) until they own half the partitions each and have read RECORDS records between them, none
 * twice, no partition ever owned by both (printing {@code split A B} and {@code read N}); then the
 * second closes and the first takes every partition ({@code alone P}). Exits 0 on success, 1 with
 * the reason on stderr at the first broken check or after 40 s.
 */
public final class ConsumerProtocolScenario {
    private static final long DEADLINE_NS = Duration.ofSeconds(40).toNanos();

    private final Set<TopicPartition> ownedA = new HashSet<>();
    private final Set<TopicPartition> ownedB = new HashSet<>();
    private final Set<String> read = new HashSet<>();

    private ConsumerProtocolScenario() {
    }

    public static void main(String[] args) {
        try {
            System.err.println("kafka-clients version " + clientVersion());
            new ConsumerProtocolScenario().run(args[0], args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        } catch (RuntimeException e) {
            System.err.println("scenario failed: " + e);
            System.exit(1);
        }
        System.out.flush();
    }

    /** @return the version kafka-clients' jar declares (read as a resource: its AppInfoParser moved in 4.x) */
    private static String clientVersion() {
        Properties version = new Properties();
        try (java.io.InputStream in = KafkaConsumer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            version.load(in);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("no kafka/kafka-version.properties in kafka-clients", e);
        }
        return version.getProperty("version");
    }

    private void run(String bootstrap, String group, String topic, int partitions, int records) {
        KafkaConsumer<String, String> a = new KafkaConsumer<>(config(bootstrap, group));
        KafkaConsumer<String, String> b = new KafkaConsumer<>(config(bootstrap, group));
        try {
            a.subscribe(List.of(topic), new TrackingListener(ownedA, a, new AtomicInteger()));
            until("the first member owning every partition", () -> {
                poll(a);
                return ownedA.size() == partitions;
            });
            b.subscribe(List.of(topic), new TrackingListener(ownedB, b, new AtomicInteger()));
            until("the two members splitting the topic and reading every record", () -> {
                poll(a);
                poll(b);
                return ownedA.size() == partitions / 2 && ownedB.size() == partitions / 2 && read.size() >= records;
            });
            System.out.println("split " + ownedA.size() + " " + ownedB.size());
            System.out.println("read " + read.size());
            b.close();
            ownedB.clear();
            until("the remaining member taking every partition", () -> {
                poll(a);
                return ownedA.size() == partitions;
            });
            System.out.println("alone " + ownedA.size());
        } finally {
            a.close();
            b.close();
        }
    }

    private void poll(KafkaConsumer<String, String> consumer) {
        boolean any = false;
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(30))) {
            if (!read.add(record.partition() + "@" + record.offset())) {
                throw new IllegalStateException("read twice: " + record.partition() + "@" + record.offset());
            }
            any = true;
        }
        if (any) {
            consumer.commitSync();
        }
        for (TopicPartition partition : ownedA) {
            if (ownedB.contains(partition)) {
                throw new IllegalStateException(partition + " owned by both members: " + ownedA + " " + ownedB);
            }
        }
    }

    private static void until(String what, BooleanSupplier done) {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - start - DEADLINE_NS > 0) {
                throw new IllegalStateException("not reached within 40 s: " + what);
            }
        }
    }

    /** @return a consumer-protocol consumer of {@code group}: from the earliest offset, no auto-commit, string records */
    static Properties config(String bootstrap, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }
}
