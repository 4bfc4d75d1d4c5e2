package io.samsa.client.producer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TopicPartition;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.RecordBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequence assignment, drain ordering and epoch bumps of the idempotent producer. */
class IdempotenceStateTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    private static ProducerBatch batch(int records) {
        ProducerBatch batch = new ProducerBatch(TP, CompressionType.NONE, 1 << 20, 1 << 20, 0);
        for (int i = 0; i < records; i++) {
            batch.tryAppend(0, null, new byte[] {(byte) i}, List.of(), 40, null);
        }
        return batch;
    }

    @Test
    void nothingDrainsBeforeTheProducerIdArrives() {
        IdempotenceState state = new IdempotenceState();
        assertTrue(state.needsProducerId());
        assertFalse(state.canDrain(batch(1)));
        state.setProducerIdAndEpoch(42, (short) 3);
        assertFalse(state.needsProducerId());
        assertTrue(state.canDrain(batch(1)));
    }

    @Test
    void sequencesAdvanceByRecordCountAndAreWrittenIntoTheBatch() {
        IdempotenceState state = new IdempotenceState();
        state.setProducerIdAndEpoch(42, (short) 3);
        ProducerBatch first = batch(3);
        ProducerBatch second = batch(2);
        state.stamp(first);
        state.stamp(second);
        assertEquals(0, first.baseSequence());
        assertEquals(3, second.baseSequence());
        RecordBatch wire = new RecordBatch(second.buffer(), 0);
        assertTrue(wire.isChecksumValid());
        assertEquals(42, wire.producerId());
        assertEquals(3, wire.producerEpoch());
        assertEquals(3, wire.baseSequence());
        assertEquals(4, wire.lastSequence());
    }

    @Test
    void aRetryGoesOutOnlyWhenItIsTheFirstUnresolvedBatch() {
        IdempotenceState state = new IdempotenceState();
        state.setProducerIdAndEpoch(42, (short) 0);
        ProducerBatch first = batch(1);
        ProducerBatch second = batch(1);
        state.stamp(first);
        state.stamp(second);
        assertTrue(state.isFirstUnresolved(first));
        assertFalse(state.canDrain(second), "second must wait for the first, still unresolved");
        assertTrue(state.canDrain(first));
        state.onCompleted(first, true);
        assertTrue(state.canDrain(second));
        assertFalse(state.needsProducerId());
    }

    @Test
    void oneBatchInFlightUntilTheBrokerKnowsTheProducerThenAtMostFive() {
        IdempotenceState state = new IdempotenceState();
        state.setProducerIdAndEpoch(42, (short) 0);
        ProducerBatch first = batch(1);
        state.stamp(first);
        assertFalse(state.canDrain(batch(1)), "a broker that does not know the producer accepts any first sequence");
        state.onCompleted(first, true);
        for (int i = 0; i < IdempotenceState.MAX_UNRESOLVED_PER_PARTITION; i++) {
            ProducerBatch batch = batch(1);
            assertTrue(state.canDrain(batch));
            state.stamp(batch);
        }
        assertFalse(state.canDrain(batch(1)));
    }

    @Test
    void laterBatchesCompletingDoNotSlideTheWindowPastABatchAwaitingItsRetry() {
        IdempotenceState state = new IdempotenceState();
        state.setProducerIdAndEpoch(42, (short) 0);
        ProducerBatch known = batch(1);
        state.stamp(known);
        state.onCompleted(known, true);
        // the answer to this one is lost with its connection: the broker may have appended it
        ProducerBatch lost = batch(1);
        state.stamp(lost);
        List<ProducerBatch> later = new java.util.ArrayList<>();
        for (int i = 1; i < IdempotenceState.MAX_UNRESOLVED_PER_PARTITION; i++) {
            ProducerBatch batch = batch(1);
            assertTrue(state.canDrain(batch));
            state.stamp(batch);
            later.add(batch);
        }
        later.forEach(batch -> state.onCompleted(batch, true));
        // the broker remembers its last five batches: a sixth appended now would make it forget the lost
        // one, and its retry would be answered OUT_OF_ORDER_SEQUENCE_NUMBER instead of as a duplicate
        assertFalse(state.canDrain(batch(1)), "a new batch waits until the lost one is resolved");
        assertTrue(state.canDrain(lost), "the lost batch is retried first");
        state.onCompleted(lost, true);
        assertTrue(state.canDrain(batch(1)));
    }

    @Test
    void aFailedSequencedBatchBumpsTheEpochAndRestartsSequences() {
        IdempotenceState state = new IdempotenceState();
        state.setProducerIdAndEpoch(42, (short) 0);
        ProducerBatch failed = batch(2);
        ProducerBatch queued = batch(1);
        state.stamp(failed);
        state.stamp(queued);
        state.onCompleted(failed, false);
        assertTrue(state.needsProducerId());
        assertFalse(state.canDrain(queued));
        state.setProducerIdAndEpoch(42, (short) 1);
        assertFalse(queued.hasSequence(), "re-stamped under the new epoch");
        assertTrue(state.canDrain(queued));
        state.stamp(queued);
        assertEquals(0, queued.baseSequence());
        assertEquals(1, new RecordBatch(queued.buffer(), 0).producerEpoch());
    }

    @Test
    void sequencesWrapAtIntMax() {
        assertEquals(Integer.MAX_VALUE, IdempotenceState.incrementSequence(Integer.MAX_VALUE - 1, 1));
        assertEquals(0, IdempotenceState.incrementSequence(Integer.MAX_VALUE, 1));
        assertEquals(4, IdempotenceState.incrementSequence(Integer.MAX_VALUE - 1, 6));
    }
}
