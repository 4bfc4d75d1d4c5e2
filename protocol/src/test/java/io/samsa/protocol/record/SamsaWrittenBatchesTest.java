package io.samsa.protocol.record;

import static io.samsa.protocol.record.KafkaOracle.assertSameAsKafka;
import static io.samsa.protocol.record.KafkaOracle.toSamsa;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.record.RecordFixtures.Content;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Batches written by Samsa's builder, for every codec, read by kafka-clients 4.1. */
class SamsaWrittenBatchesTest {

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void kafkaReadsEveryFieldWeWrite(CompressionType type) {
        Random random = new Random(1234 + type.id());
        Content[] contents = RecordFixtures.randomContents(random, 60, 1_700_000_000_000L);
        RecordBatchBuilder builder = RecordBatchBuilder.create(type).baseOffset(42L).partitionLeaderEpoch(8)
                .producer(123_456L, (short) 2, 17).transactional(true);
        for (Content content : contents) {
            builder.append(content.timestampMs(), wrap(content.key()), wrap(content.value()),
                    toSamsa(content.headers()));
        }
        long uncompressedRecordBytes = builder.uncompressedRecordBytes();
        ByteBuffer bytes = builder.build();

        assertEquals(contents.length, assertSameAsKafka(bytes));
        long recordBytes = 0;
        for (Record record : new RecordBatch(bytes, 0)) {
            recordBytes += record.sizeInBytes();
        }
        assertEquals(recordBytes, uncompressedRecordBytes);
        org.apache.kafka.common.record.RecordBatch kafkaBatch =
                org.apache.kafka.common.record.MemoryRecords.readableRecords(bytes.duplicate()).firstBatch();
        kafkaBatch.ensureValid();
        assertEquals(type.id(), kafkaBatch.compressionType().id);
        assertEquals(42L, kafkaBatch.baseOffset());
        assertEquals(42L + contents.length - 1, kafkaBatch.lastOffset());
        assertEquals(123_456L, kafkaBatch.producerId());
        assertEquals(17, kafkaBatch.baseSequence());
        assertTrue(kafkaBatch.isTransactional());
        long maxTimestamp = Long.MIN_VALUE;
        Iterator<org.apache.kafka.common.record.Record> kafkaRecords = kafkaBatch.iterator();
        for (Content content : contents) {
            org.apache.kafka.common.record.Record record = kafkaRecords.next();
            assertEquals(content.timestampMs(), record.timestamp());
            assertArrayEquals(content.key(), KafkaOracle.bytes(record.key()));
            assertArrayEquals(content.value(), KafkaOracle.bytes(record.value()));
            assertArrayEquals(content.headers(), record.headers());
            maxTimestamp = Math.max(maxTimestamp, content.timestampMs());
        }
        assertFalse(kafkaRecords.hasNext());
        assertEquals(maxTimestamp, kafkaBatch.maxTimestamp());
        RecordBatchValidator.forProduce(1 << 24).validate(bytes, 0);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void logAppendTimeAndOffsetGapsAreReadByKafka(CompressionType type) {
        ByteBuffer bytes = RecordBatchBuilder.create(type).baseOffset(100L).logAppendTime(9_999L)
                .appendWithOffset(100L, 5L, null, ByteBuffer.wrap(new byte[] {1}), List.of())
                .appendWithOffset(103L, 6L, ByteBuffer.wrap(new byte[] {2}), null, List.of())
                .append(7L, (byte[]) null, null)
                .build();

        assertEquals(3, assertSameAsKafka(bytes));
        org.apache.kafka.common.record.RecordBatch kafkaBatch =
                org.apache.kafka.common.record.MemoryRecords.readableRecords(bytes.duplicate()).firstBatch();
        assertEquals(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME, kafkaBatch.timestampType());
        assertEquals(104L, kafkaBatch.lastOffset());
        assertEquals(3, kafkaBatch.countOrNull());
        for (org.apache.kafka.common.record.Record record : kafkaBatch) {
            assertEquals(9_999L, record.timestamp());
        }
        // a batch with offset gaps is what compaction leaves: fine on recovery, refused on produce
        RecordBatchValidator.forRecovery(1 << 20).withRecordWalk(true).validate(bytes, 0);
        CorruptRecordException e = assertThrows(CorruptRecordException.class,
                () -> RecordBatchValidator.forProduce(1 << 20).validate(bytes, 0));
        assertEquals(CorruptRecordException.Reason.INVALID_RECORDS_COUNT, e.reason());
    }

    @ParameterizedTest
    @EnumSource(value = ControlRecordType.class, names = {"ABORT", "COMMIT"})
    void endTransactionMarkerIsReadByKafka(ControlRecordType type) {
        ByteBuffer bytes = RecordBatchBuilder.endTransactionMarker(500L, 77L, 3, 88L, (short) 4,
                new EndTransactionMarker(type, 21));

        assertEquals(1, assertSameAsKafka(bytes));
        org.apache.kafka.common.record.RecordBatch kafkaBatch =
                org.apache.kafka.common.record.MemoryRecords.readableRecords(bytes.duplicate()).firstBatch();
        assertTrue(kafkaBatch.isControlBatch());
        assertTrue(kafkaBatch.isTransactional());
        assertEquals(88L, kafkaBatch.producerId());
        assertEquals((short) 4, kafkaBatch.producerEpoch());
        org.apache.kafka.common.record.Record record = kafkaBatch.iterator().next();
        assertEquals(type.name(), org.apache.kafka.common.record.ControlRecordType.parse(record.key()).name());
        org.apache.kafka.common.record.EndTransactionMarker marker =
                org.apache.kafka.common.record.EndTransactionMarker.deserialize(record);
        assertEquals(21, marker.coordinatorEpoch());
        RecordBatchValidator.forProduce(1024).validate(bytes, 0);
    }

    @Test
    void inPlaceHeaderUpdatesKeepKafkasChecksValid() {
        ByteBuffer bytes = RecordBatchBuilder.create(CompressionType.NONE)
                .append(10L, "a".getBytes(), "b".getBytes())
                .append(20L, "c".getBytes(), null)
                .build();
        RecordBatch batch = new RecordBatch(bytes, 0);
        batch.setBaseOffset(1_000_000L);
        batch.setPartitionLeaderEpoch(42);
        batch.setLogAppendTime(123_456L);

        org.apache.kafka.common.record.RecordBatch kafkaBatch =
                org.apache.kafka.common.record.MemoryRecords.readableRecords(bytes.duplicate()).firstBatch();
        kafkaBatch.ensureValid();
        assertEquals(1_000_000L, kafkaBatch.baseOffset());
        assertEquals(42, kafkaBatch.partitionLeaderEpoch());
        assertEquals(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME, kafkaBatch.timestampType());
        assertEquals(123_456L, kafkaBatch.maxTimestamp());
        for (org.apache.kafka.common.record.Record record : kafkaBatch) {
            assertEquals(123_456L, record.timestamp());
        }
        assertEquals(2, assertSameAsKafka(bytes));
    }

    @Test
    void recordViewsOfAnUncompressedBatchShareItsBytes() {
        ByteBuffer bytes = RecordBatchBuilder.create(CompressionType.NONE)
                .append(1L, ByteBuffer.wrap("key".getBytes()), ByteBuffer.wrap("value".getBytes()),
                        List.of(RecordHeader.of("h", null)))
                .build();
        Record record = new RecordBatch(bytes, 0).records().next();
        ByteBuffer value = record.value();
        assertTrue(value.hasArray());
        assertTrue(value.array() == bytes.array(), "the value is a view of the batch, not a copy");
        assertNull(record.headers().get(0).value());
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
