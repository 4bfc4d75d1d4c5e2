package io.samsa.storage;

import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only builder of uncompressed v2 record batches: header, records, CRC-32C. Offsets are 0-based
 * (the log assigns the real ones); each record's timestamp is its own.
 */
final class TestBatches {
    private TestBatches() {
    }

    /** One record: key and value may be null. */
    record Rec(byte[] key, byte[] value, long timestampMs) {
        static Rec of(String key, String value, long timestampMs) {
            return new Rec(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8), timestampMs);
        }
    }

    static MemoryRecords batch(List<Rec> records) {
        return new MemoryRecords(build(records));
    }

    /** A batch of keyless values, all with the same timestamp. */
    static MemoryRecords values(long timestampMs, String... values) {
        List<Rec> records = new ArrayList<>();
        for (String value : values) {
            records.add(Rec.of(null, value, timestampMs));
        }
        return batch(records);
    }

    /** A batch of exactly {@code sizeBytes} bytes holding {@code count} records (padding the first value). */
    static MemoryRecords ofSize(int sizeBytes, int count, long timestampMs) {
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new Rec(null, new byte[0], timestampMs));
        }
        int base = build(records).remaining();
        int pad = sizeBytes - base;
        if (pad < 0) {
            throw new IllegalArgumentException("too small: " + sizeBytes);
        }
        // growing the value by pad bytes may grow its varint lengths; shrink until exact
        for (int guess = pad; guess >= 0; guess--) {
            records.set(0, new Rec(null, new byte[guess], timestampMs));
            ByteBuffer built = build(records);
            if (built.remaining() == sizeBytes) {
                return new MemoryRecords(built);
            }
        }
        throw new IllegalArgumentException("cannot hit " + sizeBytes + " bytes exactly");
    }

    static ByteBuffer build(List<Rec> records) {
        long baseTimestamp = records.get(0).timestampMs();
        long maxTimestamp = Long.MIN_VALUE;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < records.size(); i++) {
            Rec rec = records.get(i);
            maxTimestamp = Math.max(maxTimestamp, rec.timestampMs());
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            record.write(0);
            writeVarlong(record, rec.timestampMs() - baseTimestamp);
            writeVarint(record, i);
            writeBytes(record, rec.key());
            writeBytes(record, rec.value());
            writeVarint(record, 0);
            writeVarint(body, record.size());
            body.writeBytes(record.toByteArray());
        }
        byte[] bodyBytes = body.toByteArray();
        ByteBuffer buffer = ByteBuffer.allocate(RecordBatch.RECORDS_OFFSET + bodyBytes.length);
        buffer.putLong(0);
        buffer.putInt(buffer.capacity() - RecordBatch.LOG_OVERHEAD);
        buffer.putInt(RecordBatch.NO_PARTITION_LEADER_EPOCH);
        buffer.put(RecordBatch.MAGIC_V2);
        buffer.putInt(0);
        buffer.putShort((short) 0);
        buffer.putInt(records.size() - 1);
        buffer.putLong(baseTimestamp);
        buffer.putLong(maxTimestamp);
        buffer.putLong(RecordBatch.NO_PRODUCER_ID);
        buffer.putShort(RecordBatch.NO_PRODUCER_EPOCH);
        buffer.putInt(RecordBatch.NO_SEQUENCE);
        buffer.putInt(records.size());
        buffer.put(bodyBytes);
        buffer.flip();
        RecordBatch batch = new RecordBatch(buffer, 0);
        buffer.putInt(RecordBatch.CRC_OFFSET, (int) batch.computeChecksum());
        return buffer;
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
        if (bytes == null) {
            writeVarint(out, -1);
        } else {
            writeVarint(out, bytes.length);
            out.writeBytes(bytes);
        }
    }

    static void writeVarint(ByteArrayOutputStream out, int value) {
        writeVarlong(out, value);
    }

    static void writeVarlong(ByteArrayOutputStream out, long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
    }

    /** Decoded records of a log read, for assertions: offset, key, value, timestamp. */
    record Decoded(long offset, String key, String value, long timestampMs) {
    }

    /** Decodes batches with Kafka's own parser (the oracle), checking each CRC. */
    static List<Decoded> decode(ByteBuffer bytes) {
        List<Decoded> out = new ArrayList<>();
        org.apache.kafka.common.record.MemoryRecords records =
                org.apache.kafka.common.record.MemoryRecords.readableRecords(bytes.duplicate());
        for (org.apache.kafka.common.record.MutableRecordBatch batch : records.batches()) {
            batch.ensureValid();
            for (org.apache.kafka.common.record.Record record : batch) {
                out.add(new Decoded(record.offset(), text(record.key()), text(record.value()), record.timestamp()));
            }
        }
        return out;
    }

    /** Every record of the log from its start offset, decoded by Kafka's parser. */
    static List<Decoded> readAll(PartitionLog log) {
        List<Decoded> out = new ArrayList<>();
        java.util.Iterator<RecordBatch> batches = log.batchesFrom(log.logStartOffset());
        while (batches.hasNext()) {
            RecordBatch batch = batches.next();
            ByteBuffer view = batch.buffer().duplicate();
            view.limit(batch.start() + batch.sizeInBytes()).position(batch.start());
            out.addAll(decode(view.slice()));
        }
        return out;
    }

    private static String text(ByteBuffer bytes) {
        return bytes == null ? null : StandardCharsets.UTF_8.decode(bytes).toString();
    }
}
