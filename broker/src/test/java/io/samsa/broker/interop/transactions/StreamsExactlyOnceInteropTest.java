package io.samsa.broker.interop.transactions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams 4.1 with {@code processing.guarantee=exactly_once_v2} against one in-process broker:
 * a word count ({@link WordCountApp}) in a child JVM is killed with kill -9 as soon as its first
 * counts are committed, the rest of the input is produced, and the application is started again on
 * the same state directory. Read with read_committed, the last count of every word is exactly the
 * number of times it was produced, and no count above it was ever committed (nothing counted twice).
 */
class StreamsExactlyOnceInteropTest {
    private static final int RECORDS = 100_000;
    private static final int WORDS = 97;
    private static final String INPUT = "wc-in";
    private static final String OUTPUT = "wc-out";
    private static final String APPLICATION_ID = "wc-eos";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    @TempDir
    Path appDir;

    @Test
    void wordCountKilledMidwayCountsEveryWordExactlyOnce() throws Exception {
        Broker broker = BrokerAssembly.build(TestBrokers.config(Map.of("log.dirs", dataDir.toString(),
                "transaction.state.log.num.partitions", "3", "group.initial.rebalance.delay.ms", "0",
                "transaction.abort.timed.out.transaction.cleanup.interval.ms", "200")), Time.SYSTEM).start();
        String bootstrap = "127.0.0.1:" + broker.boundPort();
        Process app = null;
        try (Admin admin = TestBrokers.admin(broker)) {
            admin.createTopics(List.of(new NewTopic(INPUT, 2, (short) 1), new NewTopic(OUTPUT, 2, (short) 1))).all().get();
            Map<String, Long> expected = new TreeMap<>();
            produce(bootstrap, 0, RECORDS / 2, expected);

            app = startApp(bootstrap, "first");
            Await.until(DEADLINE, "the first committed counts", () -> committedOutput(admin) > 0);
            app.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9 mid-way
            long committedAtKill = committedOutput(admin);

            produce(bootstrap, RECORDS / 2, RECORDS, expected);
            app = startApp(bootstrap, "second");
            Map<String, Long> last = new HashMap<>();
            Map<String, Long> highest = new HashMap<>();
            readCountsUntil(bootstrap, expected, last, highest);
            System.out.println("Kafka Streams EOS: " + committedAtKill + " output records committed before the kill");

            assertEquals(expected, new TreeMap<>(last), "the last committed count of every word" + log("second"));
            assertEquals(expected, new TreeMap<>(highest), "no count above the true one was ever committed");
        } finally {
            stop(app);
            broker.close();
        }
    }

    private static void produce(String bootstrap, int from, int to, Map<String, Long> expected) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("linger.ms", 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < to; i++) {
                String word = "w" + (i * 31 % WORDS);
                producer.send(new ProducerRecord<>(INPUT, word, word));
                expected.merge(word, 1L, Long::sum);
            }
            producer.flush();
        }
    }

    /** @return the output records below the last stable offsets, markers included */
    private static long committedOutput(Admin admin) {
        try {
            return TransactionalClients.lastStableOffset(admin, OUTPUT, 0) + TransactionalClients.lastStableOffset(admin, OUTPUT, 1);
        } catch (Exception e) {
            return 0;
        }
    }

    private static void readCountsUntil(String bootstrap, Map<String, Long> expected, Map<String, Long> last,
                                        Map<String, Long> highest) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new LongDeserializer())) {
            consumer.assign(List.of(new TopicPartition(OUTPUT, 0), new TopicPartition(OUTPUT, 1)));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!expected.equals(last) && System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(200))) {
                    last.put(record.key(), record.value());
                    highest.merge(record.key(), record.value(), Math::max);
                }
            }
        }
    }

    private Process startApp(String bootstrap, String run) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), WordCountApp.class.getName(),
                bootstrap, APPLICATION_ID, appDir.resolve("state").toString(), INPUT, OUTPUT));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(appDir.resolve(run + ".log").toFile()).start();
    }

    private String log(String run) {
        try {
            List<String> lines = Files.readAllLines(appDir.resolve(run + ".log"), StandardCharsets.UTF_8);
            return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return " (no log: " + e + ")";
        }
    }

    private static void stop(Process app) throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(15, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
