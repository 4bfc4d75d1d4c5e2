package io.samsa.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.records.SerializedRecord;
import io.samsa.coordinator.runtime.CoordinatorException;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.util.ManualTime;
import io.samsa.storage.LogConfig;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OffsetsTopicLog} over real partition logs: one batch per append, written on the calling
 * thread, replay, fencing after a failure until the next load.
 */
class OffsetsTopicLogTest {
    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime(1_000L);
    private final Map<Integer, PartitionLog> logs = new ConcurrentHashMap<>();
    private final List<Integer> fencedPartitions = new CopyOnWriteArrayList<>();
    private final OffsetsTopicLog log = new OffsetsTopicLog(logs::get, time, 1, fencedPartitions::add);

    @AfterEach
    void close() throws Exception {
        log.close();
        logs.values().forEach(PartitionLog::close);
    }

    @Test
    void eachAppendIsOneBatchAndLoadReplaysEveryRecordInOrder() throws Exception {
        logs.put(0, open("p0"));
        assertEquals(1L, await(log.append(0, List.of(record("a", "1"), record("b", "2")))));
        assertEquals(2L, await(log.append(0, List.of(record("a", null)))));

        Iterator<RecordBatch> batches = logs.get(0).batchesFrom(0);
        assertEquals(2, batches.next().recordsCount());
        assertEquals(1, batches.next().recordsCount());
        assertFalse(batches.hasNext());

        List<String> replayed = new ArrayList<>();
        long end = await(log.load(0, (key, value) -> replayed.add(text(key) + "=" + (value == null ? "null" : text(value)))));
        assertEquals(3L, end);
        assertEquals(List.of("a=1", "b=2", "a=null"), replayed);
    }

    @Test
    void aFailedAppendFencesThePartitionUntilItIsLoadedAgain() throws Exception {
        PartitionLog broken = open("broken");
        broken.close();
        logs.put(0, broken);
        logs.put(1, open("p1"));

        assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(log.append(0, List.of(record("a", "1")))));
        assertEquals(List.of(0), fencedPartitions);
        logs.put(0, open("p0"));
        assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(log.append(0, List.of(record("b", "2")))),
                "an append issued before the coordinator reloaded must not become durable");
        assertEquals(0L, await(log.append(1, List.of(record("c", "3")))), "other partitions are not fenced");

        assertEquals(0L, await(log.load(0, (key, value) -> { })));
        assertEquals(0L, await(log.append(0, List.of(record("d", "4")))));
        assertEquals(List.of(0), fencedPartitions);
    }

    @Test
    void anAppendRunsOnTheCallingThreadAndReturnsAFinishedFuture() throws Exception {
        logs.put(0, open("p0"));
        List<String> appendingThreads = new CopyOnWriteArrayList<>();
        logs.get(0).addAppendListener((partitionLog, info) -> appendingThreads.add(Thread.currentThread().getName()));

        CompletableFuture<Long> appended = log.append(0, List.of(record("a", "1")));

        assertTrue(appended.isDone(), "durable before append returned");
        assertEquals(0L, appended.join());
        assertEquals(List.of(Thread.currentThread().getName()), appendingThreads);
        assertEquals(1L, logs.get(0).logEndOffset());

        PartitionLog broken = open("broken");
        broken.close();
        logs.put(1, broken);
        CompletableFuture<Long> failed = log.append(1, List.of(record("b", "2")));
        assertTrue(failed.isDone(), "a failure is known before append returns too");
        assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(failed));
        assertEquals(List.of(1), fencedPartitions, "the fence listener ran on the appending thread");
    }

    @Test
    void partitionsAppendedFromTheirOwnThreadsStayInOrderAndFenceIndependently() throws Exception {
        int appendsEach = 300;
        logs.put(0, open("p0"));
        logs.put(1, open("p1"));
        PartitionLog broken = open("broken");
        broken.close();
        logs.put(2, broken);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<Object>>> outcomes = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                int partition = p;
                outcomes.add(threads.submit(() -> {
                    start.await();
                    List<Object> outcome = new ArrayList<>();
                    for (int i = 0; i < appendsEach; i++) {
                        CompletableFuture<Long> appended = log.append(partition, List.of(record("k" + i, partition + "-" + i)));
                        outcome.add(appended.isCompletedExceptionally() ? errorOf(appended) : appended.join());
                    }
                    return outcome;
                }));
            }
            start.countDown();
            for (int p = 0; p < 2; p++) {
                List<Object> offsets = outcomes.get(p).get(30, TimeUnit.SECONDS);
                for (int i = 0; i < appendsEach; i++) {
                    assertEquals((long) i, offsets.get(i), "partition " + p + " append " + i);
                }
            }
            List<Object> fencedOutcomes = outcomes.get(2).get(30, TimeUnit.SECONDS);
            assertEquals(appendsEach, fencedOutcomes.size());
            assertTrue(fencedOutcomes.stream().allMatch(ErrorCode.NOT_COORDINATOR::equals), fencedOutcomes.toString());
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(2), fencedPartitions, "told once, for the one append that failed");

        for (int p = 0; p < 2; p++) {
            List<String> replayed = new ArrayList<>();
            assertEquals((long) appendsEach, await(log.load(p, (key, value) -> replayed.add(text(value)))));
            for (int i = 0; i < appendsEach; i++) {
                assertEquals(p + "-" + i, replayed.get(i));
            }
        }
    }

    @Test
    void aClosedLogFailsAppendsWithoutFencing() {
        logs.put(0, open("p0"));
        log.close();
        assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(log.append(0, List.of(record("a", "1")))));
        assertTrue(fencedPartitions.isEmpty());
        assertEquals(0L, logs.get(0).logEndOffset());
    }

    @Test
    void aMissingPartitionLogIsNotCoordinator() {
        assertEquals(ErrorCode.NOT_COORDINATOR, errorOf(log.append(7, List.of(record("a", "1")))));
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> log.load(7, (key, value) -> { }).get(10, TimeUnit.SECONDS));
        assertInstanceOf(CoordinatorException.class, failed.getCause());
    }

    private PartitionLog open(String name) {
        return PartitionLog.open(dir.resolve(name), new TopicPartition(OffsetsTopic.NAME, 0), LogConfig.DEFAULT, time);
    }

    private static SerializedRecord record(String key, String value) {
        return new SerializedRecord(key.getBytes(StandardCharsets.UTF_8), value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static ErrorCode errorOf(CompletableFuture<?> future) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return CoordinatorException.errorOf(failed.getCause());
    }
}
