package io.samsa.client.consumer;

import static io.samsa.client.consumer.KafkaTestData.key;
import static io.samsa.client.consumer.KafkaTestData.partitions;
import static io.samsa.client.consumer.KafkaTestData.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.Metric;
import io.samsa.client.common.MetricName;
import io.samsa.client.common.TimestampType;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.errors.InvalidGroupIdException;
import io.samsa.client.errors.NoOffsetForPartitionException;
import io.samsa.client.errors.WakeupException;
import io.samsa.client.testing.BrokerUnderTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SamsaConsumer without group membership (assign, seek, offsets) and with commits, against the
 * broker a subclass starts ({@code SamsaConsumerOnKafkaTest}, {@code SamsaConsumerOnSamsaTest});
 * data is produced with kafka-clients. One broker per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SamsaConsumerInteropCases {
    /**
     * Recent on purpose: Kafka's time retention (7 days by record timestamp) deletes older records,
     * active segment included, from its first check 30 s after start, which a slow run reaches.
     */
    private static final long BASE_TS = System.currentTimeMillis() - 3_600_000L;
    private static final int PER_PARTITION = 300;
    private static final String[] CODECS = {"none", "gzip", "snappy", "lz4", "zstd"};
    private KafkaTestData data;

    /** The broker this class's tests run against; started once, closed after the last test. */
    protected abstract BrokerUnderTest startBroker();

    @BeforeAll
    void start() {
        data = KafkaTestData.on(startBroker());
        for (String codec : CODECS) {
            data.createTopic("data-" + codec, 2);
            data.produce("data-" + codec, 2, PER_PARTITION, BASE_TS, codec);
        }
    }

    @AfterAll
    void stop() {
        if (data != null) {
            data.close();
        }
    }

    private SamsaConsumer<String, String> consumer(String groupId, Map<String, Object> overrides) {
        Map<String, Object> config = data.consumerConfig(groupId);
        config.putAll(overrides);
        return new SamsaConsumer<>(config);
    }

    @Test
    void assignAndSeekReadsEveryRecordInOrderForEveryCodec() {
        try (SamsaConsumer<String, String> consumer = consumer(null, Map.of("max.poll.records", "77"))) {
            List<TopicPartition> all = new ArrayList<>();
            for (String codec : CODECS) {
                all.addAll(partitions("data-" + codec, 2));
            }
            consumer.assign(all);
            all.forEach(tp -> consumer.seek(tp, 0));
            Map<TopicPartition, List<ConsumerRecord<String, String>>> got = new HashMap<>();
            int[] total = {0};
            KafkaTestData.pollUntil("all records", List.of(() -> {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                assertTrue(records.count() <= 77, "max.poll.records");
                for (ConsumerRecord<String, String> r : records) {
                    got.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new ArrayList<>()).add(r);
                    total[0]++;
                }
            }), () -> total[0] >= all.size() * PER_PARTITION);
            assertEquals(all.size() * PER_PARTITION, total[0]);
            for (TopicPartition tp : all) {
                List<ConsumerRecord<String, String>> records = got.get(tp);
                assertEquals(PER_PARTITION, records.size(), tp.toString());
                for (int i = 0; i < PER_PARTITION; i++) {
                    ConsumerRecord<String, String> r = records.get(i);
                    assertEquals(i, r.offset());
                    assertEquals(key(tp.partition(), i), r.key());
                    assertEquals(value(tp.partition(), i), r.value());
                    assertEquals(BASE_TS + i, r.timestamp());
                    assertEquals(TimestampType.CREATE_TIME, r.timestampType());
                    assertEquals(Integer.toString(i), new String(r.headers().lastHeader("h").value(), StandardCharsets.UTF_8));
                    assertTrue(r.leaderEpoch().isPresent());
                    assertEquals(key(tp.partition(), i).length(), r.serializedKeySize());
                }
                assertEquals(PER_PARTITION, consumer.position(tp));
            }
            // seek back into the middle of a compressed batch
            TopicPartition zstd = new TopicPartition("data-zstd", 1);
            consumer.assign(List.of(zstd));
            consumer.seek(zstd, 123);
            List<ConsumerRecord<String, String>> again = new ArrayList<>();
            KafkaTestData.pollUntil("records after seek", List.of(KafkaTestData.samsaPoll(consumer, again)), () -> again.size() >= 10);
            assertEquals(123, again.get(0).offset());
            assertEquals(value(1, 123), again.get(0).value());

            Map<MetricName, ? extends Metric> metrics = consumer.metrics();
            assertTrue(metric(metrics, "records-consumed-rate") > 0);
            assertTrue(metric(metrics, "fetch-latency-avg") >= 0);
            assertTrue(metrics.keySet().stream().anyMatch(m -> m.name().equals("records-lag")
                && "data-zstd".equals(m.tags().get("topic"))));
        }
    }

    private static double metric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream().filter(e -> e.getKey().name().equals(name)).map(e -> (Double) e.getValue().metricValue())
            .findFirst().orElseThrow();
    }

    @Test
    void offsetLookupsAndResetPolicies() {
        TopicPartition tp = new TopicPartition("data-none", 0);
        try (SamsaConsumer<String, String> consumer = consumer(null, Map.of("auto.offset.reset", "latest"))) {
            assertEquals(Map.of(tp, 0L), consumer.beginningOffsets(List.of(tp)));
            assertEquals(Map.of(tp, (long) PER_PARTITION), consumer.endOffsets(List.of(tp)));
            Map<TopicPartition, OffsetAndTimestamp> byTime = consumer.offsetsForTimes(Map.of(tp, BASE_TS + 42));
            assertEquals(42, byTime.get(tp).offset());
            assertEquals(BASE_TS + 42, byTime.get(tp).timestamp());
            assertNull(consumer.offsetsForTimes(Map.of(tp, BASE_TS + 10_000)).get(tp));
            assertEquals(2, consumer.partitionsFor("data-none").size());
            assertTrue(consumer.listTopics().containsKey("data-gzip"));

            consumer.assign(List.of(tp));
            assertEquals(PER_PARTITION, consumer.position(tp), "latest");
            consumer.seekToBeginning(List.of(tp));
            assertEquals(0, consumer.position(tp));
            consumer.seekToEnd(List.of());
            assertEquals(PER_PARTITION, consumer.position(tp));
            assertThrows(InvalidGroupIdException.class, consumer::commitSync);
        }
        try (SamsaConsumer<String, String> consumer = consumer(null, Map.of("auto.offset.reset", "earliest"))) {
            consumer.assign(List.of(tp));
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            KafkaTestData.pollUntil("first record", List.of(KafkaTestData.samsaPoll(consumer, got)), () -> !got.isEmpty());
            assertEquals(0, got.get(0).offset());
        }
        try (SamsaConsumer<String, String> consumer = consumer(null, Map.of("auto.offset.reset", "none"))) {
            consumer.assign(List.of(tp));
            NoOffsetForPartitionException e = assertThrows(NoOffsetForPartitionException.class, () -> consumer.poll(Duration.ofSeconds(5)));
            assertEquals(Set.of(tp), e.partitions());
            // out of range position with none
            consumer.seek(tp, 10_000);
            assertThrows(io.samsa.client.errors.OffsetOutOfRangeException.class, () -> {
                for (int i = 0; i < 50; i++) {
                    consumer.poll(Duration.ofMillis(200));
                }
            });
        }
        try (SamsaConsumer<String, String> consumer = consumer(null, Map.of("auto.offset.reset", "earliest"))) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, 10_000);
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            KafkaTestData.pollUntil("reset after out of range", List.of(KafkaTestData.samsaPoll(consumer, got)), () -> !got.isEmpty());
            assertEquals(0, got.get(0).offset(), "OFFSET_OUT_OF_RANGE reset to earliest");
        }
    }

    @Test
    void commitsSurviveRestart() {
        TopicPartition p0 = new TopicPartition("data-lz4", 0);
        TopicPartition p1 = new TopicPartition("data-lz4", 1);
        String group = "commit-group";
        try (SamsaConsumer<String, String> fresh = consumer("async-first-group", Map.of("enable.auto.commit", "false"))) {
            fresh.assign(List.of(p0));
            List<Exception> results = new CopyOnWriteArrayList<>();
            int[] attempts = {0};
            // a retriable failure (the offsets topic may still be loading) is retried, as an application would
            KafkaTestData.pollUntil("async commit without a known coordinator", List.of(() -> {
                boolean retry = !results.isEmpty() && results.get(0) instanceof io.samsa.client.errors.RetriableException;
                if (retry || attempts[0] == 0) {
                    attempts[0]++;
                    results.clear();
                    fresh.commitAsync(Map.of(p0, new OffsetAndMetadata(3)), (offsets, e) -> results.add(e));
                }
                fresh.poll(Duration.ofMillis(50));
            }), () -> results.size() == 1 && results.get(0) == null);
            assertEquals(3, fresh.committed(Set.of(p0)).get(p0).offset());
        }
        try (SamsaConsumer<String, String> consumer = consumer(group, Map.of("enable.auto.commit", "false"))) {
            consumer.assign(List.of(p0, p1));
            assertNull(consumer.committed(Set.of(p0)).get(p0));
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(17, "meta")));
            assertEquals(new OffsetAndMetadata(17, "meta").offset(), consumer.committed(Set.of(p0)).get(p0).offset());
            assertEquals("meta", consumer.committed(Set.of(p0)).get(p0).metadata());
            List<String> callbacks = new CopyOnWriteArrayList<>();
            consumer.commitAsync(Map.of(p1, new OffsetAndMetadata(5)), (offsets, e) -> callbacks.add("first " + e));
            consumer.commitAsync(Map.of(p1, new OffsetAndMetadata(9)), (offsets, e) -> callbacks.add("second " + e));
            KafkaTestData.pollUntil("async callbacks", List.of(() -> consumer.poll(Duration.ofMillis(50))), () -> callbacks.size() == 2);
            assertEquals(List.of("first null", "second null"), callbacks);
        }
        try (SamsaConsumer<String, String> consumer = consumer(group, Map.of("enable.auto.commit", "false"))) {
            consumer.assign(List.of(p0, p1));
            assertEquals(17, consumer.position(p0));
            assertEquals(9, consumer.position(p1));
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            KafkaTestData.pollUntil("records", List.of(KafkaTestData.samsaPoll(consumer, got)), () -> got.size() >= 20);
            consumer.commitSync();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(p0, p1));
            assertEquals(consumer.position(p0), committed.get(p0).offset());
            assertEquals(consumer.position(p1), committed.get(p1).offset());
        }
        // auto-commit: consume, close (commits), restart at the committed position
        String autoGroup = "auto-commit-group";
        long positionAtClose;
        try (SamsaConsumer<String, String> consumer = consumer(autoGroup, Map.of("enable.auto.commit", "true",
            "auto.commit.interval.ms", "200", "max.poll.records", "50"))) {
            consumer.assign(List.of(p0));
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            KafkaTestData.pollUntil("records", List.of(KafkaTestData.samsaPoll(consumer, got)), () -> got.size() >= 100);
            KafkaTestData.pollUntil("an auto-commit", List.of(KafkaTestData.samsaPoll(consumer, got)), () -> {
                OffsetAndMetadata c = consumer.committed(Set.of(p0)).get(p0);
                return c != null && c.offset() > 0;
            });
            positionAtClose = consumer.position(p0);
        }
        try (SamsaConsumer<String, String> consumer = consumer(autoGroup, Map.of("enable.auto.commit", "false"))) {
            consumer.assign(List.of(p0));
            assertEquals(positionAtClose, consumer.position(p0), "the close committed the position");
        }
    }

    @Test
    void pauseResumeWakeupAndSingleThreadGuard() throws Exception {
        TopicPartition tp = new TopicPartition("data-snappy", 0);
        try (SamsaConsumer<String, String> consumer = consumer(null, Map.of())) {
            consumer.assign(List.of(tp));
            consumer.pause(List.of(tp));
            assertEquals(Set.of(tp), consumer.paused());
            assertTrue(consumer.poll(Duration.ofMillis(300)).isEmpty(), "paused partitions return nothing");
            consumer.resume(List.of(tp));
            assertTrue(consumer.paused().isEmpty());
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            KafkaTestData.pollUntil("records after resume", List.of(KafkaTestData.samsaPoll(consumer, got)), () -> !got.isEmpty());

            consumer.wakeup();
            assertThrows(WakeupException.class, () -> consumer.poll(Duration.ofSeconds(10)));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);

            CountDownLatch polling = new CountDownLatch(1);
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                polling.countDown();
                try {
                    consumer.poll(Duration.ofSeconds(20));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            assertTrue(polling.await(5, TimeUnit.SECONDS));
            io.samsa.protocol.testing.Await.until(Duration.ofSeconds(5), "the other thread is inside poll",
                () -> {
                    try {
                        consumer.assignment();
                        return false;
                    } catch (ConcurrentModificationException e) {
                        return true;
                    }
                });
            long start = System.nanoTime();
            consumer.wakeup();
            Throwable thrown = blocked.get(10, TimeUnit.SECONDS);
            assertTrue(thrown instanceof WakeupException, "wakeup interrupts a blocked poll: " + thrown);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            assertFalse(consumer.assignment().isEmpty());
            assertNotNull(consumer.metrics());
        }
    }
}
