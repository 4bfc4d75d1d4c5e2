package io.samsa.client.producer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.errors.NotLeaderOrFollowerException;
import io.samsa.client.producer.RecordMetadata;
import io.samsa.protocol.record.CompressionType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** A batch's per-record futures and callbacks: one completion for the batch, metadata per record. */
class ProducerBatchTest {
    private static final TopicPartition TP = new TopicPartition("t", 3);

    private static ProducerBatch batch() {
        return new ProducerBatch(TP, CompressionType.NONE, 16_384, 16_384, 1_000);
    }

    private static RecordSendFuture append(ProducerBatch batch, long timestampMs, byte[] key, byte[] value,
                                           List<String> calls) {
        int estimate = ProducerBatch.estimateRecordBytes(key, value, List.of());
        return batch.tryAppend(timestampMs, key, value, List.of(), estimate, (metadata, exception) -> calls.add(
            metadata.offset() + "@" + metadata.timestamp() + (exception == null ? "" : " " + exception.getClass().getSimpleName())));
    }

    @Test
    void successGivesEachRecordItsOffsetTimestampAndSizesAndRunsCallbacksInOrder() throws Exception {
        ProducerBatch batch = batch();
        List<String> calls = new ArrayList<>();
        RecordSendFuture first = append(batch, 500, new byte[] {1, 2}, new byte[10], calls);
        RecordSendFuture second = append(batch, 600, null, null, calls);
        assertFalse(first.isDone());
        assertThrows(TimeoutException.class, () -> first.get(1, TimeUnit.MILLISECONDS));

        assertTrue(batch.complete(42, -1, null));
        assertEquals(List.of("42@500", "43@600"), calls);
        assertTrue(first.isDone() && second.isDone());
        RecordMetadata metadata = first.get();
        assertEquals(TP, new TopicPartition(metadata.topic(), metadata.partition()));
        assertEquals(42, metadata.offset());
        assertEquals(500, metadata.timestamp());
        assertEquals(2, metadata.serializedKeySize());
        assertEquals(10, metadata.serializedValueSize());
        RecordMetadata nulls = second.get(1, TimeUnit.SECONDS);
        assertEquals(43, nulls.offset());
        assertEquals(-1, nulls.serializedKeySize());
        assertEquals(-1, nulls.serializedValueSize());
        assertFalse(batch.complete(7, -1, null), "a second completion is ignored");
        assertEquals(42, first.get().offset());
    }

    @Test
    void logAppendTimeReplacesTheCreateTime() throws Exception {
        ProducerBatch batch = batch();
        RecordSendFuture future = append(batch, 500, null, new byte[1], new ArrayList<>());
        batch.complete(0, 9_999, null);
        assertEquals(9_999, future.get().timestamp());
    }

    @Test
    void failureFailsEveryRecordWithTheCause() {
        ProducerBatch batch = batch();
        List<String> calls = new ArrayList<>();
        RecordSendFuture first = append(batch, 500, null, new byte[1], calls);
        RecordSendFuture second = append(batch, 600, null, new byte[1], calls);
        NotLeaderOrFollowerException error = new NotLeaderOrFollowerException("gone");
        batch.complete(42, 9_999, error);
        assertEquals(List.of("-1@-1 NotLeaderOrFollowerException", "-1@-1 NotLeaderOrFollowerException"), calls);
        for (RecordSendFuture future : List.of(first, second)) {
            ExecutionException failure = assertThrows(ExecutionException.class, future::get);
            assertSame(error, failure.getCause());
        }
        assertFalse(first.cancel(true));
        assertFalse(first.isCancelled());
    }

    @Test
    void aRecordThatDoesNotFitIsRefused() {
        ProducerBatch batch = new ProducerBatch(TP, CompressionType.NONE, 200, 200, 1_000);
        assertTrue(append(batch, 1, null, new byte[100], new ArrayList<>()) != null, "an empty batch takes any record");
        assertNull(append(batch, 1, null, new byte[100], new ArrayList<>()));
        assertEquals(1, batch.recordCount());
    }
}
