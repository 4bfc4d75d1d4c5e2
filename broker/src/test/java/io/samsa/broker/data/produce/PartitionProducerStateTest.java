package io.samsa.broker.data.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kafka's sequence rules on one partition, without a log. */
class PartitionProducerStateTest {
    private static final long PID = 7;

    @Test
    void onlyTheLastFiveBatchesAreRecognisedAsRetries() {
        PartitionProducerState state = new PartitionProducerState();
        for (int i = 0; i < 6; i++) {
            RecordBatch batch = batch((short) 0, i * 2, 2);
            assertEquals(SequenceCheck.APPEND, state.check(batch));
            state.record(batch, i * 2L, i * 2L + 1, 0);
        }
        assertEquals(2, state.check(batch((short) 0, 2, 2)).duplicate().firstOffset(), "second batch still remembered");
        SequenceCheck first = state.check(batch((short) 0, 0, 2));
        assertNull(first.duplicate(), "the first of six batches is forgotten");
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, first.error());
    }

    @Test
    void sequencesWrapAfterIntegerMaxAndUnknownProducersStartAnywhere() {
        PartitionProducerState state = new PartitionProducerState();
        RecordBatch last = batch((short) 3, Integer.MAX_VALUE, 1);
        assertEquals(SequenceCheck.APPEND, state.check(last), "no state for the producer: any sequence");
        state.record(last, 0, 0, 0);
        assertEquals(SequenceCheck.APPEND, state.check(batch((short) 3, 0, 1)));
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, state.check(batch((short) 3, 1, 1)).error());
        assertEquals(ErrorCode.INVALID_PRODUCER_EPOCH, state.check(batch((short) 2, 0, 1)).error());
        assertEquals(SequenceCheck.APPEND, state.check(batch((short) 4, 0, 1)), "a new epoch starts at 0");
        assertEquals(List.of(3), state.activeProducers().stream().map(p -> (int) p.epoch()).toList());
        state.pruneBelow(1);
        assertEquals(List.of(), state.activeProducers(), "its only batch is below the log start offset");
        assertEquals(SequenceCheck.APPEND, state.check(batch((short) 3, 42, 1)), "unknown again: any sequence");
    }

    @Test
    void producersIdleForTheExpirationTimeAreForgotten() {
        PartitionProducerState state = new PartitionProducerState();
        RecordBatch first = batch((short) 0, 0, 2);
        state.record(first, 0, 1, 10_000);
        assertEquals(0, state.expire(10_000 + 999, 1000), "idle for less than producer.id.expiration.ms");
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, state.check(batch((short) 0, 5, 1)).error());

        assertEquals(1, state.expire(10_000 + 1000, 1000));
        assertEquals(List.of(), state.activeProducers());
        assertEquals(SequenceCheck.APPEND, state.check(batch((short) 0, 5, 1)), "expired: unknown again, any sequence");
    }

    private static RecordBatch batch(short epoch, int baseSequence, int records) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE).producer(PID, epoch, baseSequence);
        for (int i = 0; i < records; i++) {
            builder.append(1000L + i, null, new byte[] {(byte) i});
        }
        java.nio.ByteBuffer buffer = builder.build();
        return new RecordBatch(buffer, buffer.position());
    }
}
