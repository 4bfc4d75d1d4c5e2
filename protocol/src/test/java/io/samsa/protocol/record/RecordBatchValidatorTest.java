package io.samsa.protocol.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.protocol.record.CorruptRecordException.Reason;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each check of the validator, and the reason it reports. */
class RecordBatchValidatorTest {
    private static final RecordBatchValidator PRODUCE = RecordBatchValidator.forProduce(1 << 20);
    private static final RecordBatchValidator RECOVERY = RecordBatchValidator.forRecovery(1 << 20);
    private static final RecordBatchValidator RECOVERY_WALK = RECOVERY.withRecordWalk(true);

    @Test
    void aWellFormedBatchPassesEveryMode() {
        ByteBuffer batch = twoRecords();
        PRODUCE.validate(batch, 0);
        RECOVERY.validate(batch, 0);
        RECOVERY_WALK.validate(batch, 0);
        assertEquals(1, PRODUCE.validateAll(batch));
    }

    @Test
    void legacyMagicIsRefused() {
        ByteBuffer batch = twoRecords();
        batch.put(RecordBatch.MAGIC_OFFSET, (byte) 1);
        assertReason(Reason.UNSUPPORTED_MAGIC, PRODUCE, batch);
    }

    @Test
    void lengthsOutsideTheBatchOrTheLimitAreRefused() {
        ByteBuffer shortLength = twoRecords();
        shortLength.putInt(RecordBatch.BATCH_LENGTH_OFFSET, 10);
        assertReason(Reason.INVALID_BATCH_LENGTH, RECOVERY, shortLength);

        ByteBuffer cutOff = twoRecords();
        cutOff.limit(cutOff.limit() - 1);
        assertReason(Reason.INVALID_BATCH_LENGTH, RECOVERY, cutOff);

        ByteBuffer tiny = ByteBuffer.allocate(RecordBatch.MAGIC_OFFSET);
        assertReason(Reason.INVALID_BATCH_LENGTH, RECOVERY, tiny);

        ByteBuffer big = RecordBatchBuilder.create(CompressionType.NONE).append(1L, null, new byte[2000]).build();
        assertReason(Reason.INVALID_BATCH_LENGTH, RecordBatchValidator.forProduce(1000), big);

        ByteBuffer twoAndGarbage = ByteBuffer.allocate(200);
        twoAndGarbage.put(twoRecords()).put((byte) 1).flip();
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> PRODUCE.validateAll(twoAndGarbage));
        assertEquals(Reason.INVALID_BATCH_LENGTH, e.reason());
    }

    @Test
    void aFlippedBitFailsTheChecksum() {
        ByteBuffer batch = twoRecords();
        batch.put(batch.limit() - 1, (byte) (batch.get(batch.limit() - 1) ^ 1));
        assertReason(Reason.CHECKSUM_MISMATCH, RECOVERY, batch);
        // the fields before the CRC are not covered by it
        ByteBuffer moved = twoRecords();
        new RecordBatch(moved, 0).setPartitionLeaderEpoch(99);
        RECOVERY.validate(moved, 0);
    }

    @Test
    void withoutTheChecksumOnlyTheStructureIsChecked() {
        ByteBuffer flipped = twoRecords();
        flipped.put(flipped.limit() - 1, (byte) (flipped.get(flipped.limit() - 1) ^ 1));
        RECOVERY.withChecksum(false).validate(flipped, 0);
        assertReason(Reason.CHECKSUM_MISMATCH, RECOVERY.withChecksum(true), flipped);

        ByteBuffer legacy = twoRecords();
        legacy.put(RecordBatch.MAGIC_OFFSET, (byte) 1);
        assertReason(Reason.UNSUPPORTED_MAGIC, RECOVERY.withChecksum(false), legacy);
    }

    @Test
    void unknownCodecIsRefused() {
        ByteBuffer batch = twoRecords();
        batch.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) 5);
        fixCrc(batch);
        assertReason(Reason.INVALID_ATTRIBUTES, RECOVERY, batch);
    }

    @Test
    void recordsCountMustAgreeWithOffsetsAndBytes() {
        ByteBuffer tooMany = twoRecords();
        tooMany.putInt(RecordBatch.RECORDS_COUNT_OFFSET, 3);
        fixCrc(tooMany);
        assertReason(Reason.INVALID_RECORDS_COUNT, RECOVERY, tooMany);

        ByteBuffer negative = twoRecords();
        negative.putInt(RecordBatch.RECORDS_COUNT_OFFSET, -1);
        fixCrc(negative);
        assertReason(Reason.INVALID_RECORDS_COUNT, RECOVERY, negative);

        // one record declared, two present: only a walk can tell
        ByteBuffer tooFew = twoRecords();
        tooFew.putInt(RecordBatch.RECORDS_COUNT_OFFSET, 1);
        fixCrc(tooFew);
        RECOVERY.validate(tooFew, 0);
        assertReason(Reason.INVALID_RECORDS_COUNT, RECOVERY_WALK, tooFew);
        assertReason(Reason.INVALID_RECORDS_COUNT, PRODUCE, tooFew);
    }

    @Test
    void anEmptyCompactedBatchIsFineOnRecoveryOnly() {
        ByteBuffer empty = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
        empty.put(twoRecords().limit(RecordBatch.HEADER_SIZE)).flip();
        empty.putInt(RecordBatch.BATCH_LENGTH_OFFSET, RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD);
        empty.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 3);
        empty.putInt(RecordBatch.RECORDS_COUNT_OFFSET, 0);
        fixCrc(empty);

        RECOVERY_WALK.validate(empty, 0);
        org.apache.kafka.common.record.MemoryRecords.readableRecords(empty.duplicate()).firstBatch().ensureValid();
        assertEquals(4, new RecordBatch(empty, 0).nextOffset());
        assertReason(Reason.INVALID_RECORDS_COUNT, PRODUCE, empty);
    }

    @Test
    void aMalformedRecordIsFoundByTheWalk() {
        ByteBuffer batch = twoRecords();
        // first record: length varint, attributes, timestampDelta, offsetDelta, then keyLength
        int keyLengthIndex = RecordBatch.RECORDS_OFFSET + 4;
        batch.put(keyLengthIndex, (byte) 0x7e); // zigzag 63: far past the record's end
        fixCrc(batch);
        RECOVERY.validate(batch, 0);
        assertReason(Reason.INVALID_RECORD, RECOVERY_WALK, batch);
    }

    @Test
    void offsetDeltasMustIncreaseWithinLastOffsetDelta() {
        ByteBuffer gap = RecordBatchBuilder.create(CompressionType.NONE)
                .appendWithOffset(0L, 1L, null, null, List.of())
                .appendWithOffset(2L, 1L, null, null, List.of())
                .build();
        RECOVERY_WALK.validate(gap, 0);
        gap.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 1);
        fixCrc(gap);
        assertReason(Reason.INVALID_RECORD, RECOVERY_WALK, gap);
    }

    @Test
    void controlBatchesMustHoldOneWellFormedControlRecord() {
        EndTransactionMarker commit = new EndTransactionMarker(ControlRecordType.COMMIT, 1);
        ByteBuffer two = RecordBatchBuilder.create(CompressionType.NONE).control(true).transactional(true)
                .append(1L, commit.key(), commit.value(), List.of())
                .append(1L, commit.key(), commit.value(), List.of())
                .build();
        RECOVERY_WALK.validate(two, 0);
        assertReason(Reason.INVALID_CONTROL_RECORD, PRODUCE, two);

        ByteBuffer shortKey = RecordBatchBuilder.create(CompressionType.NONE).control(true)
                .append(1L, new byte[] {0, 0}, commit.value().array())
                .build();
        assertReason(Reason.INVALID_CONTROL_RECORD, RECOVERY_WALK, shortKey);

        ByteBuffer shortValue = RecordBatchBuilder.create(CompressionType.NONE).control(true)
                .append(1L, commit.key().array(), new byte[] {0, 0, 0})
                .build();
        assertReason(Reason.INVALID_CONTROL_RECORD, RECOVERY_WALK, shortValue);
    }

    @Test
    void memoryRecordsStopsBeforeAPartialTrailingBatch() {
        ByteBuffer first = twoRecords();
        ByteBuffer both = ByteBuffer.allocate(first.limit() * 2);
        both.put(first.duplicate()).put(first.duplicate()).flip();
        both.limit(both.limit() - 5);
        Iterator<RecordBatch> batches = new MemoryRecords(both).iterator();
        RECOVERY_WALK.validate(batches.next());
        assertEquals(false, batches.hasNext());
    }

    private static ByteBuffer twoRecords() {
        return RecordBatchBuilder.create(CompressionType.NONE).producer(1L, (short) 0, 0)
                .append(100L, "k1".getBytes(), "v1".getBytes())
                .append(101L, "k2".getBytes(), "v2".getBytes())
                .build();
    }

    static void fixCrc(ByteBuffer batch) {
        batch.putInt(RecordBatch.CRC_OFFSET, (int) new RecordBatch(batch, 0).computeChecksum());
    }

    private static void assertReason(Reason expected, RecordBatchValidator validator, ByteBuffer batch) {
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> validator.validate(batch, 0));
        assertEquals(expected, e.reason(), e.getMessage());
    }
}
