package io.samsa.protocol.record;

import static io.samsa.protocol.record.KafkaOracle.assertSameAsKafka;
import static io.samsa.protocol.record.KafkaOracle.kafkaCompression;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.record.RecordFixtures.Content;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Batches written by kafka-clients 4.1, for every codec, read by Samsa field for field. */
class KafkaWrittenBatchesTest {

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void transactionalBatchWithHeadersAndNullsReadsTheSame(CompressionType type) {
        Random random = new Random(42 + type.id());
        Content[] contents = RecordFixtures.randomContents(random, 40, 1_700_000_000_000L);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        MemoryRecordsBuilder builder = new MemoryRecordsBuilder(buffer, (byte) 2, kafkaCompression(type),
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 1_000L, -1L, 77L, (short) 3, 500,
                true, false, 12, buffer.capacity());
        for (Content content : contents) {
            builder.append(content.timestampMs(), content.key(), content.value(), content.headers());
        }
        ByteBuffer bytes = builder.build().buffer();

        assertEquals(contents.length, assertSameAsKafka(bytes));
        RecordBatch batch = new MemoryRecords(bytes).iterator().next();
        assertEquals(type, batch.compressionType());
        assertTrue(batch.isTransactional());
        assertEquals(77L, batch.producerId());
        assertEquals(12, batch.partitionLeaderEpoch());
        RecordBatchValidator.forProduce(1 << 20).validate(batch);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void logAppendTimeAndIdempotentBatchesReadTheSame(CompressionType type) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        MemoryRecordsBuilder builder = new MemoryRecordsBuilder(buffer, (byte) 2, kafkaCompression(type),
                org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME, 5L, 1_800_000_000_000L, 9L, (short) 0,
                Integer.MAX_VALUE - 1, false, false, -1, buffer.capacity());
        for (int i = 0; i < 5; i++) {
            builder.append(1_000L + i, ("k" + i).getBytes(), i % 2 == 0 ? null : new byte[] {(byte) i});
        }
        ByteBuffer bytes = builder.build().buffer();

        assertEquals(5, assertSameAsKafka(bytes));
        try (RecordIterator records = new MemoryRecords(bytes).iterator().next().records()) {
            Record first = records.next();
            assertEquals(1_800_000_000_000L, first.timestamp());
            assertEquals(Integer.MAX_VALUE - 1, first.sequence());
            assertEquals(Integer.MAX_VALUE, records.next().sequence());
            assertEquals(0, records.next().sequence(), "sequences wrap as Kafka's do");
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void severalBatchesInOneBufferReadTheSame(CompressionType type) {
        Random random = new Random(7 + type.id());
        ByteBuffer all = ByteBuffer.allocate(4 << 20);
        int expectedRecords = 0;
        long nextOffset = 0;
        for (int b = 0; b < 4; b++) {
            Content[] contents = RecordFixtures.randomContents(random, 1 + random.nextInt(20), 1_600_000_000_000L + b);
            SimpleRecord[] records = new SimpleRecord[contents.length];
            for (int i = 0; i < contents.length; i++) {
                records[i] = new SimpleRecord(contents[i].timestampMs(), contents[i].key(), contents[i].value(),
                        contents[i].headers());
            }
            org.apache.kafka.common.record.MemoryRecords batch = b % 2 == 0
                    ? org.apache.kafka.common.record.MemoryRecords.withRecords(nextOffset, kafkaCompression(type), b,
                            records)
                    : org.apache.kafka.common.record.MemoryRecords.withIdempotentRecords(nextOffset,
                            kafkaCompression(type), 1000L + b, (short) b, b * 100, b, records);
            all.put(batch.buffer());
            nextOffset += contents.length;
            expectedRecords += contents.length;
        }
        all.flip();

        assertEquals(expectedRecords, assertSameAsKafka(all));
        assertEquals(4, RecordBatchValidator.forProduce(4 << 20).validateAll(all));
    }

    @ParameterizedTest
    @EnumSource(value = org.apache.kafka.common.record.ControlRecordType.class, names = {"ABORT", "COMMIT"})
    void endTransactionMarkersReadTheSame(org.apache.kafka.common.record.ControlRecordType kafkaType) {
        org.apache.kafka.common.record.EndTransactionMarker marker =
                new org.apache.kafka.common.record.EndTransactionMarker(kafkaType, 19);
        ByteBuffer bytes = org.apache.kafka.common.record.MemoryRecords
                .withEndTransactionMarker(300L, 1_234L, 4, 55L, (short) 6, marker).buffer();

        assertEquals(1, assertSameAsKafka(bytes));
        RecordBatch batch = new MemoryRecords(bytes).iterator().next();
        RecordBatchValidator.forProduce(1024).validate(batch);
        assertTrue(batch.isControlBatch());
        try (RecordIterator records = batch.records()) {
            Record record = records.next();
            assertEquals(ControlRecordType.valueOf(kafkaType.name()), ControlRecordType.of(record));
            EndTransactionMarker read = EndTransactionMarker.read(record);
            assertEquals(19, read.coordinatorEpoch());
            assertEquals(ControlRecordType.valueOf(kafkaType.name()), read.type());
        }
    }
}
