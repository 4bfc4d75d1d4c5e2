package io.samsa.protocol.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batches read where storage and the network put them: inside a larger buffer at an offset, in
 * direct memory, through a little-endian view; and iterators stopped early.
 */
class MemoryRecordsTest {

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void batchesAtAnOffsetInADirectLittleEndianBufferReadTheSame(CompressionType type) {
        ByteBuffer first = batch(type, 0L);
        ByteBuffer second = batch(type, 3L);
        ByteBuffer direct = ByteBuffer.allocateDirect(100 + first.limit() + second.limit());
        direct.position(100);
        direct.put(first.duplicate()).put(second.duplicate()).flip().position(100);
        ByteBuffer littleEndian = direct.duplicate().order(ByteOrder.LITTLE_ENDIAN);

        MemoryRecords records = new MemoryRecords(littleEndian);
        assertEquals(first.limit() + second.limit(), records.sizeInBytes());
        assertEquals(6, KafkaOracle.assertSameAsKafka(direct.slice()));
        int batches = 0;
        for (RecordBatch batch : records) {
            RecordBatchValidator.forProduce(1 << 20).validate(batch);
            Record record = batch.records().next();
            assertArrayEquals("k".getBytes(), KafkaOracle.bytes(record.key()));
            assertEquals("héader", record.headers().get(0).key());
            assertArrayEquals(new byte[] {9}, record.headers().get(0).valueBytes());
            batches++;
        }
        assertEquals(2, batches);
        assertEquals(100, littleEndian.position(), "reading never moves the caller's buffer");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void anIteratorClosedEarlyIsDoneAndClosingTwiceIsHarmless(CompressionType type) {
        RecordIterator records = new RecordBatch(batch(type, 0L), 0).records();
        assertEquals(0L, records.next().offset());
        records.close();
        records.close();
        if (type == CompressionType.NONE) {
            assertEquals(1L, records.next().offset(), "an in-place iterator holds nothing to release");
        } else {
            assertThrows(IllegalStateException.class, records::next);
        }
        RecordIterator drained = new RecordBatch(batch(type, 0L), 0).records();
        drained.forEachRemaining(record -> { });
        assertFalse(drained.hasNext());
        assertThrows(NoSuchElementException.class, drained::next);
        drained.close();
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void recordsOfCompressedBatchesOutliveTheirIterator(CompressionType type) {
        List<Record> kept = new java.util.ArrayList<>();
        new RecordBatch(batch(type, 0L), 0).forEach(kept::add);
        assertEquals(3, kept.size());
        assertTrue(kept.get(2).hasValue());
        assertArrayEquals(new byte[] {2}, KafkaOracle.bytes(kept.get(2).value()));
    }

    private static ByteBuffer batch(CompressionType type, long baseOffset) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(type).baseOffset(baseOffset);
        for (int i = 0; i < 3; i++) {
            builder.append(1_000L + i, ByteBuffer.wrap("k".getBytes()), ByteBuffer.wrap(new byte[] {(byte) i}),
                    List.of(RecordHeader.of("héader", new byte[] {9})));
        }
        return builder.build();
    }
}
