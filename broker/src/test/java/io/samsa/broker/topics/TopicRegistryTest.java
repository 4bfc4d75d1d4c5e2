package io.samsa.broker.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicRegistryTest {
    @TempDir
    Path dir;

    private TopicRegistry registry() {
        return new TopicRegistry(new TopicStore(dir), 50);
    }

    @Test
    void createsAndLooksUpByNameAndId() {
        TopicRegistry registry = registry();
        Topic orders = registry.create("orders", 3, Map.of("cleanup.policy", "compact"));
        assertEquals(3, orders.partitionCount());
        assertNotEquals(Uuid.ZERO, orders.id());
        assertFalse(orders.internal());
        assertEquals(orders, registry.topic("orders").orElseThrow());
        assertEquals(orders, registry.topic(orders.id()).orElseThrow());
        assertEquals(Map.of("cleanup.policy", "compact"), orders.configOverrides());
        assertTrue(registry.create("__consumer_offsets", 50, Map.of()).internal());
        assertEquals(List.of("__consumer_offsets", "orders"), registry.topics().stream().map(Topic::name).toList());
    }

    @Test
    void theBrokerWidePartitionLimitIsPolicyViolationAndCountsEveryTopic() {
        TopicRegistry registry = new TopicRegistry(new TopicStore(dir), 50, 10);
        registry.create("a", 6, Map.of());
        TopicException tooMany = assertThrows(TopicException.class, () -> registry.create("b", 5, Map.of()));
        assertEquals(ErrorCode.POLICY_VIOLATION, tooMany.error());
        assertEquals("Cannot create topic 'b' with 5 partitions: this broker would hold 11 partitions, above "
                + "max.broker.partitions=10 (it holds 6).", tooMany.getMessage());
        assertError(ErrorCode.POLICY_VIOLATION, () -> registry.checkCreate("b", 5));
        assertError(ErrorCode.INVALID_PARTITIONS, () -> registry.create("b", Integer.MAX_VALUE, Map.of()));
        assertError(ErrorCode.POLICY_VIOLATION, () -> registry.addPartitions("a", 11));
        registry.create("b", 4, Map.of());
        assertEquals(List.of("a", "b"), registry.topics().stream().map(Topic::name).toList());
        registry.delete("b");
        assertEquals(10, registry.addPartitions("a", 10).partitionCount(), "deleting frees partitions");
        assertEquals(10, new TopicRegistry(new TopicStore(dir), 50, 5).topic("a").orElseThrow().partitionCount(),
                "stored topics load even above a lowered limit");
    }

    @Test
    void refusesBadCreatesWithKafkasErrors() {
        TopicRegistry registry = registry();
        registry.create("a.b", 1, Map.of());
        assertError(ErrorCode.TOPIC_ALREADY_EXISTS, () -> registry.create("a.b", 1, Map.of()));
        assertError(ErrorCode.INVALID_TOPIC_EXCEPTION, () -> registry.create("a_b", 1, Map.of()));
        assertError(ErrorCode.INVALID_TOPIC_EXCEPTION, () -> registry.create("bad name", 1, Map.of()));
        assertError(ErrorCode.INVALID_TOPIC_EXCEPTION, () -> registry.create("..", 1, Map.of()));
        assertError(ErrorCode.INVALID_PARTITIONS, () -> registry.create("zero", 0, Map.of()));
        assertError(ErrorCode.INVALID_PARTITIONS, () -> registry.create("huge", 51, Map.of()));
        assertError(ErrorCode.INVALID_PARTITIONS, () -> registry.checkCreate("huge", 51));
        assertEquals(1, registry.topics().size());
    }

    @Test
    void deletesByNameAndById() {
        TopicRegistry registry = registry();
        Topic a = registry.create("a", 1, Map.of());
        Topic b = registry.create("b", 2, Map.of());
        assertEquals(a, registry.delete("a"));
        assertEquals(b, registry.delete(b.id()));
        assertTrue(registry.topics().isEmpty());
        assertTrue(registry.topic(b.id()).isEmpty());
        assertError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, () -> registry.delete("a"));
        assertError(ErrorCode.UNKNOWN_TOPIC_ID, () -> registry.delete(b.id()));
    }

    @Test
    void addsPartitionsOnlyUpwards() {
        TopicRegistry registry = registry();
        Topic before = registry.create("t", 2, Map.of());
        Topic after = registry.addPartitions("t", 5);
        assertEquals(5, after.partitionCount());
        assertEquals(before.id(), after.id());
        assertEquals(after, registry.topic(before.id()).orElseThrow());
        assertError(ErrorCode.INVALID_PARTITIONS, () -> registry.addPartitions("t", 5));
        assertError(ErrorCode.INVALID_PARTITIONS, () -> registry.addPartitions("t", 4));
        assertError(ErrorCode.INVALID_PARTITIONS, () -> registry.addPartitions("t", 51));
        assertError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, () -> registry.addPartitions("missing", 3));
        assertEquals(5, registry.checkAddPartitions("t", 6).partitionCount());
        assertEquals(5, registry.topic("t").orElseThrow().partitionCount());
    }

    @Test
    void listenersHearEveryChangeInOrderAndAFailingOneDoesNotStopOthers() {
        TopicRegistry registry = registry();
        List<String> events = new ArrayList<>();
        registry.addListener(new TopicListener() {
            @Override
            public void topicCreated(Topic topic) {
                throw new IllegalStateException("listener bug");
            }
        });
        registry.addListener(new TopicListener() {
            @Override
            public void topicCreated(Topic topic) {
                // The change is already visible to readers when listeners run.
                events.add("created " + topic.name() + " visible=" + registry.topic(topic.name()).isPresent());
            }

            @Override
            public void partitionsAdded(Topic before, Topic after) {
                events.add("added " + before.partitionCount() + "->" + after.partitionCount());
            }

            @Override
            public void topicDeleted(Topic topic) {
                events.add("deleted " + topic.name() + " visible=" + registry.topic(topic.name()).isPresent());
            }
        });
        registry.create("t", 1, Map.of());
        registry.addPartitions("t", 4);
        registry.delete("t");
        assertEquals(List.of("created t visible=true", "added 1->4", "deleted t visible=false"), events);
    }

    @Test
    void concurrentCreatesOfOneNameHaveExactlyOneWinner() throws Exception {
        TopicRegistry registry = registry();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        List<String> distinct = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < threads; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    distinct.add(registry.create("own-" + n, 1, Map.of()).name());
                    try {
                        registry.create("shared", 1, Map.of());
                        return true;
                    } catch (TopicException e) {
                        assertEquals(ErrorCode.TOPIC_ALREADY_EXISTS, e.error());
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(threads + 1, registry.topics().size());
        assertEquals(threads + 1, new TopicRegistry(new TopicStore(dir), 50).topics().size());
    }

    private static void assertError(ErrorCode expected, Runnable action) {
        TopicException e = assertThrows(TopicException.class, action::run);
        assertEquals(expected, e.error(), e.getMessage());
    }
}
