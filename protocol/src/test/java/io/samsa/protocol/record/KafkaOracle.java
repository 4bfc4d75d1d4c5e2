package io.samsa.protocol.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;

/**
 * Test support: reads the same bytes with kafka-clients 4.1 and with Samsa and asserts that every
 * batch and record field agrees. kafka-clients is the oracle for what the bytes mean.
 */
final class KafkaOracle {
    private KafkaOracle() {
    }

    static Compression kafkaCompression(CompressionType type) {
        return Compression.of(org.apache.kafka.common.record.CompressionType.forId(type.id())).build();
    }

    static List<RecordHeader> toSamsa(Header[] headers) {
        List<RecordHeader> result = new ArrayList<>();
        for (Header header : headers) {
            result.add(RecordHeader.of(header.key(), header.value()));
        }
        return result;
    }

    /**
     * Reads {@code bytes} with both libraries: Kafka's ensureValid and Samsa's recovery validator
     * with a record walk must pass, and every field must match.
     *
     * @return the number of records compared
     */
    static int assertSameAsKafka(ByteBuffer bytes) {
        org.apache.kafka.common.record.MemoryRecords kafka =
                org.apache.kafka.common.record.MemoryRecords.readableRecords(bytes.duplicate());
        MemoryRecords samsa = new MemoryRecords(bytes.duplicate());
        RecordBatchValidator validator = RecordBatchValidator.forRecovery(Integer.MAX_VALUE).withRecordWalk(true);
        Iterator<RecordBatch> samsaBatches = samsa.iterator();
        int records = 0;
        for (org.apache.kafka.common.record.RecordBatch kafkaBatch : kafka.batches()) {
            kafkaBatch.ensureValid();
            assertTrue(samsaBatches.hasNext(), "Samsa sees fewer batches than Kafka");
            RecordBatch batch = samsaBatches.next();
            validator.validate(batch);
            assertSameBatch(kafkaBatch, batch);
            records += assertSameRecords(kafkaBatch, batch);
        }
        assertFalse(samsaBatches.hasNext(), "Samsa sees more batches than Kafka");
        return records;
    }

    static void assertSameBatch(org.apache.kafka.common.record.RecordBatch expected, RecordBatch actual) {
        assertEquals(expected.magic(), actual.magic(), "magic");
        assertEquals(expected.baseOffset(), actual.baseOffset(), "baseOffset");
        assertEquals(expected.lastOffset(), actual.lastOffset(), "lastOffset");
        assertEquals(expected.nextOffset(), actual.nextOffset(), "nextOffset");
        assertEquals(expected.sizeInBytes(), actual.sizeInBytes(), "sizeInBytes");
        assertEquals(expected.partitionLeaderEpoch(), actual.partitionLeaderEpoch(), "partitionLeaderEpoch");
        assertEquals(expected.checksum(), actual.checksum(), "checksum");
        assertEquals(expected.checksum(), actual.computeChecksum(), "computed checksum");
        assertEquals(expected.compressionType().id, actual.compressionId(), "codec");
        assertEquals(expected.timestampType().name(), actual.timestampType().name(), "timestampType");
        assertEquals(expected.maxTimestamp(), actual.maxTimestamp(), "maxTimestamp");
        assertEquals(expected.producerId(), actual.producerId(), "producerId");
        assertEquals(expected.producerEpoch(), actual.producerEpoch(), "producerEpoch");
        assertEquals(expected.baseSequence(), actual.baseSequence(), "baseSequence");
        assertEquals(expected.lastSequence(), actual.lastSequence(), "lastSequence");
        assertEquals(expected.isTransactional(), actual.isTransactional(), "transactional");
        assertEquals(expected.isControlBatch(), actual.isControlBatch(), "control");
        assertEquals(expected.countOrNull(), actual.recordsCount(), "recordsCount");
    }

    static int assertSameRecords(org.apache.kafka.common.record.RecordBatch expected, RecordBatch actual) {
        int count = 0;
        try (RecordIterator records = actual.records();
             org.apache.kafka.common.utils.CloseableIterator<org.apache.kafka.common.record.Record> kafkaRecords =
                     expected.streamingIterator(org.apache.kafka.common.utils.BufferSupplier.NO_CACHING)) {
            while (kafkaRecords.hasNext()) {
                assertTrue(records.hasNext(), "Samsa sees fewer records");
                assertSameRecord(kafkaRecords.next(), records.next());
                count++;
            }
            assertFalse(records.hasNext(), "Samsa sees more records");
        }
        return count;
    }

    static void assertSameRecord(org.apache.kafka.common.record.Record expected, Record actual) {
        assertEquals(expected.offset(), actual.offset(), "offset");
        assertEquals(expected.timestamp(), actual.timestamp(), "timestamp");
        assertEquals(expected.sequence(), actual.sequence(), "sequence");
        assertEquals(expected.sizeInBytes(), actual.sizeInBytes(), "record sizeInBytes");
        assertEquals(expected.keySize(), actual.keySize(), "keySize");
        assertEquals(expected.valueSize(), actual.valueSize(), "valueSize");
        assertArrayEquals(bytes(expected.key()), bytes(actual.key()), "key");
        assertArrayEquals(bytes(expected.value()), bytes(actual.value()), "value");
        Header[] expectedHeaders = expected.headers();
        List<RecordHeader> headers = actual.headers();
        assertEquals(expectedHeaders.length, headers.size(), "header count");
        assertEquals(expectedHeaders.length, actual.headerCount(), "headerCount");
        for (int i = 0; i < expectedHeaders.length; i++) {
            assertEquals(expectedHeaders[i].key(), headers.get(i).key(), "header key");
            assertArrayEquals(expectedHeaders[i].value(), headers.get(i).valueBytes(), "header value");
        }
    }

    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
