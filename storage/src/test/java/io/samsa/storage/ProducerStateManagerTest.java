package io.samsa.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.EndTransactionMarker;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kafka's sequence and transaction rules on one partition's producer state, without a log. */
class ProducerStateManagerTest {
    private static final long PID = 7;

    @Test
    void onlyTheLastFiveBatchesAreRecognisedAsRetries() {
        ProducerStateManager state = new ProducerStateManager();
        for (int i = 0; i < 6; i++) {
            RecordBatch batch = batch((short) 0, i * 2, 2);
            assertEquals(SequenceCheck.APPEND, state.check(batch));
            applyAt(state, batch, i * 2L);
        }
        assertEquals(2, state.check(batch((short) 0, 2, 2)).duplicate().firstOffset(), "second batch still remembered");
        SequenceCheck first = state.check(batch((short) 0, 0, 2));
        assertNull(first.duplicate(), "the first of six batches is forgotten");
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, first.error());
    }

    @Test
    void sequencesWrapAfterIntegerMaxAndUnknownProducersStartAnywhere() {
        ProducerStateManager state = new ProducerStateManager();
        RecordBatch last = batch((short) 3, Integer.MAX_VALUE, 1);
        assertEquals(SequenceCheck.APPEND, state.check(last), "no state for the producer: any sequence");
        applyAt(state, last, 0);
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
        ProducerStateManager state = new ProducerStateManager();
        applyAt(state, batch((short) 0, 0, 2), 0); // timestamps 1000, 1001
        assertEquals(0, state.expire(1001 + 999, 1000), "idle for less than producer.id.expiration.ms");
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, state.check(batch((short) 0, 5, 1)).error());

        assertEquals(1, state.expire(1001 + 1000, 1000));
        assertEquals(List.of(), state.activeProducers());
        assertEquals(SequenceCheck.APPEND, state.check(batch((short) 0, 5, 1)), "expired: unknown again, any sequence");
    }

    @Test
    void anOpenTransactionHoldsTheLastStableOffsetUntilItsMarkerIsBelowTheHighWatermark() {
        ProducerStateManager state = new ProducerStateManager();
        applyAt(state, txnBatch(PID, (short) 0, 0, 2), 10);
        assertEquals(10, state.lastStableOffset(12));
        assertEquals(10, state.firstOngoingOffset());
        assertEquals(ErrorCode.INVALID_TXN_STATE, state.check(batch((short) 0, 2, 1)).error(),
                "a non-transactional write inside an open transaction");

        CompletedTxn done = state.update(marker(PID, (short) 0, ControlRecordType.COMMIT, 5, 12));
        assertEquals(new CompletedTxn(PID, 10, 12, false), done);
        assertEquals(-1, state.firstOngoingOffset());
        assertEquals(10, state.lastStableOffset(12), "the marker at 12 is not below the high watermark yet");
        assertEquals(13, state.lastStableOffset(13));
        assertEquals(5, state.activeProducers().get(0).coordinatorEpoch());
    }

    @Test
    void fencedMarkersAreRefused() {
        ProducerStateManager state = new ProducerStateManager();
        applyAt(state, txnBatch(PID, (short) 2, 0, 1), 0);
        state.update(marker(PID, (short) 2, ControlRecordType.ABORT, 4, 1));
        ProducerStateException oldEpoch = assertThrows(ProducerStateException.class,
                () -> state.checkMarker(marker(PID, (short) 1, ControlRecordType.ABORT, 4, 2)));
        assertEquals(ErrorCode.INVALID_PRODUCER_EPOCH, oldEpoch.error());
        ProducerStateException oldCoordinator = assertThrows(ProducerStateException.class,
                () -> state.checkMarker(marker(PID, (short) 2, ControlRecordType.COMMIT, 3, 2)));
        assertEquals(ErrorCode.TRANSACTION_COORDINATOR_FENCED, oldCoordinator.error());
        state.checkMarker(marker(PID, (short) 3, ControlRecordType.COMMIT, 4, 2)); // a bumped epoch, same coordinator
    }

    @Test
    void aSnapshotRestoresEpochsSequencesAndOpenTransactions() {
        ProducerStateManager state = new ProducerStateManager();
        applyAt(state, batch((short) 1, 0, 3), 0);
        applyAt(state, txnBatch(9, (short) 4, 0, 2), 3);
        ProducerStateManager restored = new ProducerStateManager();
        restored.restore(state.snapshotEntries(), 5);
        assertEquals(5, restored.mapEndOffset());
        assertEquals(3, restored.lastStableOffset(5), "producer 9's transaction is still open");
        assertEquals(0, restored.check(batch((short) 1, 0, 3)).duplicate().firstOffset(), "its last batch is a known retry");
        assertEquals(SequenceCheck.APPEND, restored.check(batch((short) 1, 3, 1)));
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, restored.check(batch((short) 1, 5, 1)).error());
    }

    static void applyAt(ProducerStateManager state, RecordBatch batch, long baseOffset) {
        batch.setBaseOffset(baseOffset);
        state.update(batch);
    }

    private static RecordBatch batch(short epoch, int baseSequence, int records) {
        return build(RecordBatchBuilder.create(CompressionType.NONE).producer(PID, epoch, baseSequence), records);
    }

    static RecordBatch txnBatch(long producerId, short epoch, int baseSequence, int records) {
        return build(RecordBatchBuilder.create(CompressionType.NONE).producer(producerId, epoch, baseSequence).transactional(true),
                records);
    }

    static RecordBatch marker(long producerId, short epoch, ControlRecordType type, int coordinatorEpoch, long offset) {
        ByteBuffer buffer = RecordBatchBuilder.endTransactionMarker(offset, 5000L, 0, producerId, epoch,
                new EndTransactionMarker(type, coordinatorEpoch));
        return new RecordBatch(buffer, buffer.position());
    }

    private static RecordBatch build(RecordBatchBuilder builder, int records) {
        for (int i = 0; i < records; i++) {
            builder.append(1000L + i, null, new byte[] {(byte) i});
        }
        ByteBuffer buffer = builder.build();
        return new RecordBatch(buffer, buffer.position());
    }
}
