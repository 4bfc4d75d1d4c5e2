package io.samsa.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.testing.BrokerProcess;
import io.samsa.protocol.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a broker process during acks=all production loses no acknowledged record: the broker
 * runs in a child JVM (main class {@code io.samsa.broker.SamsaBroker}), is killed with
 * {@code destroyForcibly()} while a producer is sending, and restarted on the same data directory;
 * every record the producer saw acknowledged must be readable at its acknowledged offset, and what
 * was written is still once and in order per partition.
 */
class KillDuringProduceInteropTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int ACKED_BEFORE_KILL = 3000;
    private static final int MAX_RECORDS = 200_000;

    @TempDir
    Path dataDir;

    @Test
    void acknowledgedRecordsSurviveKillMinus9() throws Exception {
        String topic = "kill9";
        Expected sent = Expected.generate(topic, MAX_RECORDS, 24, 100);
        Queue<KeyedRecord> acked = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        try (BrokerProcess first = startBroker()) {
            String bootstrap = "127.0.0.1:" + first.awaitStarted(DEADLINE);
            JavaOracle.createTopic(bootstrap, topic, 3);
            AtomicBoolean stop = new AtomicBoolean();
            try (KafkaProducer<String, String> producer = JavaProducer.create(bootstrap, Map.of(
                    "delivery.timeout.ms", "3000", "request.timeout.ms", "1500", "max.block.ms", "2000",
                    "max.in.flight.requests.per.connection", "5"))) {
                Thread sender = new Thread(() -> sendUntilStopped(producer, topic, sent, stop, acked, failed), "kill9-sender");
                sender.start();
                try {
                    Await.until(DEADLINE, ACKED_BEFORE_KILL + " acknowledged records", () -> acked.size() >= ACKED_BEFORE_KILL);
                    first.close(); // destroyForcibly: SIGKILL mid-stream
                } finally {
                    stop.set(true);
                    sender.join(DEADLINE.toMillis());
                }
                producer.close(Duration.ofSeconds(5));
            }
        }
        assertTrue(failed.get() > 0 || acked.size() < MAX_RECORDS, "the kill happened while records were in flight");

        try (BrokerProcess second = startBroker()) {
            String bootstrap = "127.0.0.1:" + second.awaitStarted(DEADLINE);
            List<KeyedRecord> read = JavaOracle.readAll(bootstrap, topic);
            Map<String, KeyedRecord> byPosition = new HashMap<>();
            read.forEach(r -> byPosition.put(r.partition() + "@" + r.offset(), r));
            for (KeyedRecord ack : acked) {
                KeyedRecord found = byPosition.get(ack.partition() + "@" + ack.offset());
                assertEquals(ack, found, "an acknowledged record after kill -9 and restart (read " + read.size()
                        + ", acknowledged " + acked.size() + ")");
            }
            sent.assertSubsequenceReadOnceInOrder(read, "after kill -9");
            System.out.println("kill -9: " + acked.size() + " acknowledged, " + read.size() + " in the log after restart, "
                    + failed.get() + " sends failed");
        }
    }

    private BrokerProcess startBroker() throws IOException {
        return BrokerProcess.startMainClass(List.of("--override", "listeners=PLAINTEXT://127.0.0.1:0",
                "--override", "log.dirs=" + dataDir.resolve("data"), "--override", "num.io.threads=2"));
    }

    private static void sendUntilStopped(KafkaProducer<String, String> producer, String topic, Expected sent, AtomicBoolean stop,
            Queue<KeyedRecord> acked, AtomicInteger failed) {
        for (int i = 0; i < sent.size() && !stop.get(); i++) {
            String key = sent.keys().get(i);
            String value = sent.values().get(i);
            try {
                producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                    if (error == null) {
                        acked.add(new KeyedRecord(metadata.partition(), metadata.offset(), key, value));
                    } else {
                        failed.incrementAndGet();
                    }
                });
            } catch (RuntimeException e) {
                failed.incrementAndGet(); // a send after the kill may time out waiting for metadata
            }
        }
    }
}
