package io.samsa.client.consumer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TimestampType;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerRecord;
import io.samsa.client.errors.CorruptRecordException;
import io.samsa.client.serialization.StringDeserializer;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.EndTransactionMarker;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.record.RecordHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding one partition's fetched batches into ConsumerRecords. */
class PartitionRecordsTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private static final StringDeserializer STRINGS = new StringDeserializer();

    private static ByteBuffer batch(long baseOffset, int count, CompressionType compression, long producerId, boolean transactional) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(compression).baseOffset(baseOffset).partitionLeaderEpoch(7);
        if (producerId >= 0) {
            builder.producer(producerId, (short) 0, 0).transactional(transactional);
        }
        for (int i = 0; i < count; i++) {
            long offset = baseOffset + i;
            builder.append(100 + offset, ByteBuffer.wrap(("k" + offset).getBytes(StandardCharsets.UTF_8)),
                ByteBuffer.wrap(("v" + offset).getBytes(StandardCharsets.UTF_8)),
                List.of(RecordHeader.of("h", Long.toString(offset).getBytes(StandardCharsets.UTF_8))));
        }
        return builder.build();
    }

    private static MemoryRecords concat(ByteBuffer... batches) {
        int size = 0;
        for (ByteBuffer b : batches) {
            size += b.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        for (ByteBuffer b : batches) {
            all.put(b.duplicate());
        }
        return new MemoryRecords(all.flip());
    }

    private static List<ConsumerRecord<String, String>> drainAll(PartitionRecords<String, String> records, int max) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        while (!records.isExhausted()) {
            records.drain(max, STRINGS, STRINGS, out);
        }
        return out;
    }

    @Test
    void handsOutRecordsFromTheFetchOffsetInChunksAcrossCodecs() {
        for (CompressionType codec : CompressionType.values()) {
            MemoryRecords data = concat(batch(0, 5, codec, -1, false), batch(5, 5, codec, -1, false));
            PartitionRecords<String, String> records = new PartitionRecords<>(TP, 3, data, true, false, List.of());
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            assertEquals(4, records.drain(4, STRINGS, STRINGS, out));
            assertEquals(7, records.nextOffset());
            out.addAll(drainAll(records, 4));
            assertEquals(7, out.size(), codec.toString());
            for (int i = 0; i < out.size(); i++) {
                ConsumerRecord<String, String> r = out.get(i);
                long offset = 3 + i;
                assertEquals(offset, r.offset());
                assertEquals("k" + offset, r.key());
                assertEquals("v" + offset, r.value());
                assertEquals(100 + offset, r.timestamp());
                assertEquals(TimestampType.CREATE_TIME, r.timestampType());
                assertEquals(Long.toString(offset), new String(r.headers().lastHeader("h").value(), StandardCharsets.UTF_8));
                assertEquals(7, r.leaderEpoch().orElseThrow());
            }
            assertEquals(10, records.nextOffset());
        }
    }

    @Test
    void controlBatchesAreSkippedButAdvanceThePosition() {
        ByteBuffer commit = RecordBatchBuilder.endTransactionMarker(3, 200, 7, 42, (short) 0,
            new EndTransactionMarker(ControlRecordType.COMMIT, 0));
        MemoryRecords data = concat(batch(0, 3, CompressionType.NONE, 42, true), commit);
        PartitionRecords<String, String> records = new PartitionRecords<>(TP, 0, data, true, false, List.of());
        List<ConsumerRecord<String, String>> out = drainAll(records, 100);
        assertEquals(3, out.size());
        assertEquals(4, records.nextOffset(), "the marker's offset is consumed too");
    }

    @Test
    void readCommittedDropsAbortedTransactions() {
        ByteBuffer aborted = batch(0, 3, CompressionType.LZ4, 42, true);
        ByteBuffer abort = RecordBatchBuilder.endTransactionMarker(3, 200, 7, 42, (short) 0,
            new EndTransactionMarker(ControlRecordType.ABORT, 0));
        ByteBuffer committed = batch(4, 2, CompressionType.NONE, 43, true);
        ByteBuffer plain = batch(6, 2, CompressionType.NONE, -1, false);
        List<FetchResponse.AbortedTransaction> abortedList = List.of(new FetchResponse.AbortedTransaction().setProducerId(42).setFirstOffset(0));

        PartitionRecords<String, String> readCommitted = new PartitionRecords<>(TP, 0, concat(aborted, abort, committed, plain),
            true, true, abortedList);
        List<ConsumerRecord<String, String>> out = drainAll(readCommitted, 100);
        assertEquals(List.of(4L, 5L, 6L, 7L), out.stream().map(ConsumerRecord::offset).toList());
        assertEquals(8, readCommitted.nextOffset());

        PartitionRecords<String, String> uncommitted = new PartitionRecords<>(TP, 0, concat(aborted, abort, committed, plain),
            true, false, abortedList);
        assertEquals(7, drainAll(uncommitted, 100).size(), "read_uncommitted skips only the control batch");
    }

    @Test
    void nullKeysAndValuesAndCorruptBatches() {
        ByteBuffer nulls = RecordBatchBuilder.create(CompressionType.NONE).append(5, (ByteBuffer) null, null, List.of()).build();
        List<ConsumerRecord<String, String>> out = drainAll(new PartitionRecords<>(TP, 0, concat(nulls), true, false, List.of()), 10);
        assertNull(out.get(0).key());
        assertNull(out.get(0).value());
        assertEquals(ConsumerRecord.NULL_SIZE, out.get(0).serializedKeySize());

        ByteBuffer corrupt = batch(0, 3, CompressionType.NONE, -1, false);
        corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 0x55));
        PartitionRecords<String, String> checked = new PartitionRecords<>(TP, 0, concat(corrupt), true, false, List.of());
        assertThrows(CorruptRecordException.class, () -> checked.drain(10, STRINGS, STRINGS, new ArrayList<>()));

        ByteBuffer truncated = batch(0, 3, CompressionType.NONE, -1, false);
        truncated.limit(truncated.limit() - 4);
        PartitionRecords<String, String> partial = new PartitionRecords<>(TP, 0, concat(truncated), true, false, List.of());
        assertTrue(drainAll(partial, 10).isEmpty(), "a trailing partial batch is left for the next fetch");
        assertEquals(0, partial.nextOffset());
    }
}
