package io.samsa.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.errors.TimeoutException;
import io.samsa.client.serialization.StringSerializer;
import io.samsa.client.testing.RestartableBroker;
import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The idempotent acks=all SamsaProducer across a broker crash: the broker (a child JVM, Kafka 4.1 or
 * Samsa, from the subclass) is killed with SIGKILL while the producer sends continuously, and started
 * again on the same data directory and port. Every send must still succeed (retried across the
 * outage within delivery.timeout.ms), and reading the topic back with kafka-clients' consumer must
 * show each acknowledged record exactly once, at the offset its RecordMetadata reported, with each
 * key's sequence numbers increasing along its partition.
 *
 * <p>One broker per class; the last test leaves it killed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SamsaProducerKillRestartCases {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PARTITIONS = 3;
    private static final int KEYS = 12;
    /** Records acknowledged before the kill, and again after the restart, before sending stops. */
    private static final int ACKED_PER_PHASE = 1_500;
    /** Unanswered sends at most, so the outage does not pile up an unbounded backlog. */
    private static final int MAX_OUTSTANDING = 1_000;

    private RestartableBroker broker;
    private Admin admin;

    /** The broker under test, started once for the class. */
    protected abstract RestartableBroker startBroker();

    @BeforeAll
    void start() {
        broker = startBroker();
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** One acknowledged send: where the broker put it and what it was. */
    private record Acked(int partition, long offset, String key, int sequence) {
    }

    /** Sends "key:sequence" values round-robin over the keys until stopped, at most MAX_OUTSTANDING unanswered. */
    private static final class ContinuousSender implements Runnable {
        private final SamsaProducer<String, String> producer;
        private final String topic;
        private final Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger sent = new AtomicInteger();
        private final Queue<Acked> acked = new ConcurrentLinkedQueue<>();
        private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

        ContinuousSender(SamsaProducer<String, String> producer, String topic) {
            this.producer = producer;
            this.topic = topic;
        }

        @Override
        public void run() {
            int[] nextSequence = new int[KEYS];
            for (int i = 0; !stop.get(); i++) {
                try {
                    if (!outstanding.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                        i--;
                        continue;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                int keyIndex = i % KEYS;
                String key = "key-" + keyIndex;
                int sequence = nextSequence[keyIndex]++;
                try {
                    producer.send(new ProducerRecord<>(topic, key, key + ":" + sequence), (metadata, error) -> {
                        if (error == null) {
                            acked.add(new Acked(metadata.partition(), metadata.offset(), key, sequence));
                        } else {
                            failures.add(error);
                        }
                        outstanding.release();
                    });
                    sent.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e);
                    outstanding.release();
                    return;
                }
            }
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void idempotentSendsSurviveKillMinus9AndRestartWithoutLossOrDuplicates() throws Exception {
        String topic = "kill-restart";
        createTopic(topic);
        long startNs = System.nanoTime();
        ContinuousSender sender;
        int pendingAtKill;
        double retries;
        long restartMs;
        SamsaProducer<String, String> producer = new SamsaProducer<>(producerConfig(
                "client.id", "kill-restart-" + broker.name(), "acks", "all", "enable.idempotence", true, "linger.ms", 2,
                "batch.size", 2048, "delivery.timeout.ms", 90_000, "request.timeout.ms", 5_000, "max.block.ms", 90_000,
                "retry.backoff.ms", 50, "reconnect.backoff.ms", 50, "reconnect.backoff.max.ms", 500),
                new StringSerializer(), new StringSerializer());
        try {
            sender = new ContinuousSender(producer, topic);
            Thread thread = new Thread(sender, "kill-restart-sender");
            thread.start();
            try {
                Await.until(WAIT, ACKED_PER_PHASE + " acknowledgements before the kill",
                    () -> sender.acked.size() >= ACKED_PER_PHASE || !sender.failures.isEmpty());
                // kill right after a Produce request is handed to the network: the broker may have appended it
                // without answering, which only the producer state it rebuilds from its log can recognise on retry
                CountDownLatch requestSent = new CountDownLatch(1);
                producer.afterProduceSent(node -> requestSent.countDown());
                assertTrue(requestSent.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "a produce request before the kill");
                broker.kill();
                producer.afterProduceSent(node -> { });
                pendingAtKill = sender.sent.get() - sender.acked.size() - sender.failures.size();
                long killedNs = System.nanoTime();
                broker.restart(Duration.ofSeconds(60));
                restartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNs);
                int ackedAtRestart = sender.acked.size();
                Await.until(WAIT, ACKED_PER_PHASE + " more acknowledgements after the restart",
                    () -> sender.acked.size() >= ackedAtRestart + ACKED_PER_PHASE || !sender.failures.isEmpty());
            } finally {
                sender.stop.set(true);
                thread.join(WAIT.toMillis());
            }
            producer.flush();
            retries = metricValue(producer, "record-retry-total");
        } finally {
            // bounded: after a failure records may still wait for a broker that is gone
            producer.close(Duration.ofSeconds(5));
        }
        List<Throwable> failures = new ArrayList<>(sender.failures);
        assertTrue(failures.isEmpty(), failures.size() + " sends failed, the first: " + (failures.isEmpty() ? "" : failures.get(0)));
        assertTrue(pendingAtKill > 0, "the kill caught sends not yet acknowledged");
        List<Acked> acked = new ArrayList<>(sender.acked);
        assertEquals(sender.sent.get(), acked.size(), "every send acknowledged");

        Map<Integer, List<ConsumerRecord<String, String>>> log = readAll(topic);
        int inLog = log.values().stream().mapToInt(List::size).sum();
        Map<String, Acked> byPosition = new HashMap<>();
        for (Acked ack : acked) {
            Acked previous = byPosition.put(ack.partition() + "@" + ack.offset(), ack);
            assertTrue(previous == null, "two acknowledgements for one offset: " + previous + " and " + ack);
        }
        Set<String> values = new HashSet<>();
        for (Map.Entry<Integer, List<ConsumerRecord<String, String>>> entry : log.entrySet()) {
            Map<String, Integer> lastSequence = new HashMap<>();
            for (ConsumerRecord<String, String> record : entry.getValue()) {
                assertTrue(values.add(record.value()), "duplicate " + record.value() + " at " + entry.getKey() + "@" + record.offset());
                Acked ack = byPosition.get(entry.getKey() + "@" + record.offset());
                assertTrue(ack != null, "a record nobody was acknowledged for: " + record.value() + " at "
                    + entry.getKey() + "@" + record.offset());
                assertEquals(ack.key() + ":" + ack.sequence(), record.value(), "the record at " + entry.getKey() + "@" + record.offset());
                assertEquals(ack.key(), record.key());
                int sequence = ack.sequence();
                Integer previous = lastSequence.put(record.key(), sequence);
                assertTrue(previous == null || previous < sequence, "order of " + record.key() + " broken in partition "
                    + entry.getKey() + ": " + sequence + " after " + previous);
            }
        }
        assertEquals(acked.size(), inLog, "records in the log (acknowledged " + acked.size() + ")");
        System.out.printf("kill -9 on %s: %d sent, %d acknowledged, %d in the log, %d pending at the kill, %.0f records retried, restart %d ms, %d ms in all%n",
            broker.name(), sender.sent.get(), acked.size(), inLog, pendingAtKill, retries, restartMs,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
    }

    /** Runs last: leaves the broker killed (close copes with that). */
    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sendsToAKilledBrokerFailWithTimeoutAfterDeliveryTimeout() throws Exception {
        String topic = "delivery-timeout";
        createTopic(topic);
        try (SamsaProducer<String, String> producer = new SamsaProducer<>(producerConfig("linger.ms", 0,
                "delivery.timeout.ms", 1_500, "request.timeout.ms", 1_000, "max.block.ms", 5_000,
                "retry.backoff.ms", 50, "reconnect.backoff.ms", 50, "reconnect.backoff.max.ms", 200),
                new StringSerializer(), new StringSerializer())) {
            assertEquals(0, producer.send(new ProducerRecord<>(topic, "k", "before")).get(30, TimeUnit.SECONDS).offset());
            broker.kill();
            long startNs = System.nanoTime();
            AtomicInteger callbacks = new AtomicInteger();
            Future<RecordMetadata> future = producer.send(new ProducerRecord<>(topic, "k", "after"), (metadata, error) -> {
                assertInstanceOf(TimeoutException.class, error);
                callbacks.incrementAndGet();
            });
            ExecutionException failure = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertInstanceOf(TimeoutException.class, failure.getCause());
            assertTrue(elapsedMs >= 1_400 && elapsedMs < 10_000, "failed after " + elapsedMs + " ms");
            Await.until(WAIT, "the callback", () -> callbacks.get() == 1);
        }
    }

    private void createTopic(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    private Map<String, Object> producerConfig(Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static double metricValue(SamsaProducer<?, ?> producer, String name) {
        return producer.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
            .map(e -> (Double) e.getValue().metricValue()).findFirst().orElseThrow();
    }

    /** Every record of the topic, per partition in offset order, up to the end offsets, with kafka-clients. */
    private Map<Integer, List<ConsumerRecord<String, String>>> readAll(String topic) {
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(), "enable.auto.commit", false);
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
                byPartition.put(p, new ArrayList<>());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
            Await.until(WAIT, "reading up to the end offsets " + end, () -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    byPartition.get(record.partition()).add(record);
                }
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return byPartition;
    }
}
