package io.samsa.client.producer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.ManualTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The accumulator and buffer pool with a manual clock: linger, batch.size, memory blocking and timeout, expiry. */
class RecordAccumulatorTest {
    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);
    private static final TopicPartition TP2 = new TopicPartition("t", 2);
    private static final long LINGER_MS = 100;
    private static final long RETRY_BACKOFF_MS = 50;
    private static final long DELIVERY_TIMEOUT_MS = 1_000;

    private final ManualTime time = new ManualTime(1_000_000);

    private RecordAccumulator accumulator(int batchSizeBytes, long bufferMemoryBytes) {
        return new RecordAccumulator(batchSizeBytes, CompressionType.NONE, LINGER_MS, RETRY_BACKOFF_MS, DELIVERY_TIMEOUT_MS,
            new BufferPool(bufferMemoryBytes, time));
    }

    private RecordAccumulator.AppendResult append(RecordAccumulator accumulator, TopicPartition partition, int valueBytes,
                                                  long maxBlockMs) {
        byte[] value = new byte[valueBytes];
        int estimate = ProducerBatch.estimateRecordBytes(null, value, List.of());
        return accumulator.append(partition, time.milliseconds(), null, value, List.of(), estimate, null, maxBlockMs,
            time.milliseconds());
    }

    @Test
    void aBatchBecomesReadyAfterLinger() {
        RecordAccumulator accumulator = accumulator(16_384, 1 << 20);
        RecordAccumulator.AppendResult result = append(accumulator, TP0, 10, 0);
        assertTrue(result.newBatchCreated());
        assertFalse(result.batchIsFull());
        assertEquals(Set.of(), accumulator.readyPartitions(time.milliseconds()));
        assertEquals(LINGER_MS, accumulator.nextReadyDelayMs(time.milliseconds()));
        time.advance(LINGER_MS - 1);
        assertEquals(Set.of(), accumulator.readyPartitions(time.milliseconds()));
        assertEquals(1, accumulator.nextReadyDelayMs(time.milliseconds()));
        time.advance(1);
        assertEquals(Set.of(TP0), accumulator.readyPartitions(time.milliseconds()));
        assertEquals(Long.MAX_VALUE, accumulator(16_384, 1 << 20).nextReadyDelayMs(time.milliseconds()));
    }

    @Test
    void aFullBatchIsReadyAtOnceAndNeverExceedsBatchSize() {
        int batchSizeBytes = 1_024;
        RecordAccumulator accumulator = accumulator(batchSizeBytes, 1 << 20);
        int appended = 0;
        RecordAccumulator.AppendResult result;
        do {
            result = append(accumulator, TP0, 100, 0);
            appended++;
        } while (!result.batchIsFull());
        assertTrue(appended > 1, "several records share a batch");
        assertEquals(Set.of(TP0), accumulator.readyPartitions(time.milliseconds()), "full batch ready before linger");
        ProducerBatch first = accumulator.pollFirst(TP0);
        assertTrue(first.sizeInBytes() <= batchSizeBytes, "batch of " + first.sizeInBytes() + " bytes");
        assertTrue(first.recordCount() >= 2);
        RecordBatch wire = new RecordBatch(first.buffer(), 0);
        assertTrue(wire.isChecksumValid());
        assertEquals(first.recordCount(), wire.recordsCount());
    }

    @Test
    void aRecordLargerThanBatchSizeGetsABatchOfItsOwn() {
        RecordAccumulator accumulator = accumulator(1_024, 1 << 20);
        append(accumulator, TP0, 10, 0);
        RecordAccumulator.AppendResult big = append(accumulator, TP0, 5_000, 0);
        assertTrue(big.newBatchCreated());
        ProducerBatch first = accumulator.pollFirst(TP0);
        ProducerBatch second = accumulator.pollFirst(TP0);
        assertEquals(1, first.recordCount());
        assertEquals(1, second.recordCount());
        assertTrue(second.reservedBytes() > 5_000);
    }

    @Test
    void appendBlocksOnFullMemoryAndTimesOutAfterMaxBlock() throws Exception {
        RecordAccumulator accumulator = accumulator(1_024, 2_048);
        append(accumulator, TP0, 10, 0);
        append(accumulator, TP1, 10, 0);
        assertEquals(0, accumulator.pool().availableBytes());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread blocked = new Thread(() -> {
            try {
                append(accumulator, TP2, 10, 200);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        blocked.start();
        Await.until(Duration.ofSeconds(5), "append waits for memory", () -> accumulator.pool().queued() == 1);
        time.advance(199);
        assertTrue(blocked.isAlive(), "still waiting before max.block.ms");
        time.advance(1);
        blocked.join(5_000);
        assertFalse(blocked.isAlive());
        assertInstanceOf(TimeoutException.class, failure.get());
        assertEquals(0, accumulator.pool().queued());
    }

    @Test
    void aBlockedAppendProceedsOnceABatchCompletes() throws Exception {
        RecordAccumulator accumulator = accumulator(1_024, 2_048);
        append(accumulator, TP0, 10, 0);
        append(accumulator, TP1, 10, 0);
        AtomicReference<RecordAccumulator.AppendResult> result = new AtomicReference<>();
        Thread blocked = new Thread(() -> result.set(append(accumulator, TP2, 10, 60_000)));
        blocked.start();
        Await.until(Duration.ofSeconds(5), "append waits for memory", () -> accumulator.pool().queued() == 1);
        ProducerBatch sent = accumulator.pollFirst(TP0);
        sent.complete(0, -1, null);
        accumulator.deallocate(sent);
        blocked.join(5_000);
        assertNotNull(result.get());
        assertTrue(result.get().newBatchCreated());
        assertEquals(0, accumulator.pool().availableBytes());
    }

    @Test
    void aRecordLargerThanTheWholePoolIsRejected() {
        RecordAccumulator accumulator = accumulator(1_024, 2_048);
        assertThrows(IllegalArgumentException.class, () -> append(accumulator, TP0, 4_000, 0));
        assertEquals(2_048, accumulator.pool().availableBytes());
    }

    @Test
    void flushMakesLingeringBatchesReady() {
        RecordAccumulator accumulator = accumulator(16_384, 1 << 20);
        append(accumulator, TP0, 10, 0);
        accumulator.beginFlush();
        assertEquals(Set.of(TP0), accumulator.readyPartitions(time.milliseconds()));
        accumulator.endFlush();
        assertEquals(Set.of(), accumulator.readyPartitions(time.milliseconds()));
    }

    @Test
    void aRetriedBatchWaitsForTheBackoffAndKeepsSequenceOrder() {
        RecordAccumulator accumulator = accumulator(100, 1 << 20);
        append(accumulator, TP0, 80, 0);
        append(accumulator, TP0, 80, 0);
        append(accumulator, TP0, 80, 0);
        ProducerBatch first = accumulator.pollFirst(TP0);
        ProducerBatch second = accumulator.pollFirst(TP0);
        first.setProducerState(7, (short) 0, 0);
        second.setProducerState(7, (short) 0, 1);
        first.onSend(time.milliseconds());
        second.onSend(time.milliseconds());
        second.onResponse(time.milliseconds());
        accumulator.reenqueue(second);
        first.onResponse(time.milliseconds());
        accumulator.reenqueue(first);
        assertSame(first, accumulator.peekFirst(TP0), "lower sequence first");
        assertEquals(Set.of(), accumulator.readyPartitions(time.milliseconds()), "backing off");
        time.advance(RETRY_BACKOFF_MS);
        assertEquals(Set.of(TP0), accumulator.readyPartitions(time.milliseconds()));
        assertSame(first, accumulator.pollFirst(TP0));
        assertSame(second, accumulator.pollFirst(TP0));
        assertFalse(accumulator.pollFirst(TP0).hasSequence(), "the never-sent batch comes last");
    }

    @Test
    void queuedBatchesExpireAfterDeliveryTimeout() {
        RecordAccumulator accumulator = accumulator(16_384, 1 << 20);
        RecordSendFuture future = append(accumulator, TP0, 10, 0).future();
        time.advance(DELIVERY_TIMEOUT_MS - 1);
        assertEquals(List.of(), accumulator.expiredBatches(time.milliseconds()));
        time.advance(1);
        List<ProducerBatch> expired = accumulator.expiredBatches(time.milliseconds());
        assertEquals(1, expired.size());
        expired.get(0).complete(-1, -1, new TimeoutException("expired"));
        assertTrue(future.isDone());
        ExecutionException failure = assertThrows(ExecutionException.class, future::get);
        assertInstanceOf(TimeoutException.class, failure.getCause());
        assertFalse(accumulator.hasQueued());
    }

    @Test
    void onlyTheBatchesPastTheDeliveryTimeoutExpireOldestFirst() {
        RecordAccumulator accumulator = accumulator(100, 1 << 20);
        append(accumulator, TP0, 80, 0);
        time.advance(DELIVERY_TIMEOUT_MS / 2);
        append(accumulator, TP0, 80, 0);
        append(accumulator, TP1, 80, 0);
        time.advance(DELIVERY_TIMEOUT_MS / 2);
        List<ProducerBatch> expired = accumulator.expiredBatches(time.milliseconds());
        assertEquals(1, expired.size(), "only the first batch is old enough");
        assertEquals(TP0, expired.get(0).topicPartition());
        assertEquals(Set.of(TP0, TP1), accumulator.readyPartitions(time.milliseconds()), "the younger batches stay queued");
        time.advance(DELIVERY_TIMEOUT_MS / 2);
        assertEquals(2, accumulator.expiredBatches(time.milliseconds()).size());
        assertFalse(accumulator.hasQueued());
    }

    @Test
    void appendAfterCloseFails() {
        RecordAccumulator accumulator = accumulator(16_384, 1 << 20);
        accumulator.close();
        assertThrows(KafkaException.class, () -> append(accumulator, TP0, 10, 0));
        assertEquals(1 << 20, accumulator.pool().availableBytes());
    }
}
