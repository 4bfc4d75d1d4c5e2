package io.samsa.protocol.record;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A structured record-batch generator for fuzz targets: every header field a producer controls
 * (codec, producer id/epoch/sequence, transactional and control bits, timestamps including the
 * extremes) and the records (count, keys, values, headers) are drawn from the fuzzer's bytes, the
 * batch is built by {@link RecordBatchBuilder}, and {@link #mutate} may then damage it and
 * recompute the CRC so the damage reaches validation and decompression instead of stopping at the
 * checksum. Shared by the protocol and broker fuzz targets (through the test jar).
 */
public final class FuzzedBatches {
    /** Kafka's year-2100 timestamp, one of the far-future values issue 16 saw accepted. */
    public static final long YEAR_2100_MS = 4_102_444_800_000L;
    private static final int MAX_RECORDS = 12;
    private static final int MAX_FIELD_BYTES = 64;
    private static final CompressionType[] CODECS = CompressionType.values();

    private FuzzedBatches() {
    }

    /** One record as generated, to compare with what a reader yields. */
    public record RecordSpec(long timestampMs, byte[] key, byte[] value, List<RecordHeader> headers) {
    }

    /** A generated batch's header fields and records. */
    public record BatchSpec(CompressionType codec, long producerId, short producerEpoch, int baseSequence,
                            boolean transactional, boolean control, List<RecordSpec> records) {

        /** @return the batch, CRC valid, position 0 */
        public ByteBuffer build() {
            RecordBatchBuilder builder = RecordBatchBuilder.create(codec).producer(producerId, producerEpoch, baseSequence)
                    .transactional(transactional).control(control);
            for (RecordSpec record : records) {
                builder.append(record.timestampMs(), wrap(record.key()), wrap(record.value()), record.headers());
            }
            return builder.build();
        }

        /** @return whether some record has no key (which a compacted topic must refuse) */
        public boolean anyNullKey() {
            return records.stream().anyMatch(r -> r.key() == null);
        }
    }

    /**
     * Draws a batch: mostly plausible producer fields (a few fixed producer ids, small epochs and
     * sequences) so that sequences of batches reach the producer-state checks, sometimes arbitrary.
     *
     * @param nowMs the clock the timestamps are drawn around
     */
    public static BatchSpec spec(FuzzedDataProvider data, long nowMs) {
        CompressionType codec = CODECS[data.consumeInt(0, CODECS.length - 1)];
        long producerId;
        short epoch;
        int sequence;
        switch (data.consumeInt(0, 3)) {
            case 0 -> {
                producerId = RecordBatch.NO_PRODUCER_ID;
                epoch = RecordBatch.NO_PRODUCER_EPOCH;
                sequence = RecordBatch.NO_SEQUENCE;
            }
            case 1, 2 -> {
                producerId = 1000 + data.consumeInt(0, 2);
                epoch = (short) data.consumeInt(0, 2);
                sequence = data.consumeInt(0, 40);
            }
            default -> {
                producerId = data.consumeLong();
                epoch = data.consumeShort();
                sequence = data.consumeInt();
            }
        }
        boolean transactional = data.consumeInt(0, 7) == 0;
        boolean control = data.consumeInt(0, 15) == 15;
        if (control) {
            // a control batch holds one well-formed marker (anything else is damage, see mutate)
            EndTransactionMarker marker = new EndTransactionMarker(
                    data.consumeBoolean() ? ControlRecordType.COMMIT : ControlRecordType.ABORT, data.consumeInt(0, 5));
            return new BatchSpec(codec, producerId, epoch, sequence, transactional, true, List.of(new RecordSpec(
                    timestamp(data, nowMs), bytes(marker.key()), bytes(marker.value()), List.of())));
        }
        int count = data.consumeInt(1, MAX_RECORDS);
        List<RecordSpec> records = new ArrayList<>(count);
        long timestamp = timestamp(data, nowMs);
        for (int i = 0; i < count; i++) {
            if (data.consumeInt(0, 3) == 0) {
                timestamp = timestamp(data, nowMs);
            }
            byte[] key = data.consumeInt(0, 4) == 0 ? null : data.consumeBytes(data.consumeInt(0, MAX_FIELD_BYTES));
            byte[] value = data.consumeInt(0, 7) == 0 ? null : data.consumeBytes(data.consumeInt(0, MAX_FIELD_BYTES));
            List<RecordHeader> headers = new ArrayList<>();
            int headerCount = data.consumeInt(0, 3) == 0 ? data.consumeInt(1, 3) : 0;
            for (int h = 0; h < headerCount; h++) {
                headers.add(RecordHeader.of(data.consumeAsciiString(8),
                        data.consumeBoolean() ? null : data.consumeBytes(data.consumeInt(0, 16))));
            }
            records.add(new RecordSpec(timestamp, key, value, headers));
        }
        return new BatchSpec(codec, producerId, epoch, sequence, transactional, control, records);
    }

    /**
     * A record timestamp around {@code nowMs}: now, a little off, just inside or outside an hour
     * (Kafka's default log.message.timestamp.after.max.ms) or a week, a year ahead, 2100, -1 (no
     * timestamp), the long extremes, or anything.
     */
    public static long timestamp(FuzzedDataProvider data, long nowMs) {
        long hour = 3_600_000L;
        long week = 7 * 24 * hour;
        return switch (data.consumeInt(0, 11)) {
            case 0, 1, 2 -> nowMs;
            case 3 -> nowMs + data.consumeLong(-60_000, 60_000);
            case 4 -> nowMs + hour + data.consumeInt(-1, 1);
            case 5 -> nowMs - week + data.consumeInt(-1, 1);
            case 6 -> nowMs + 365 * 24 * hour;
            case 7 -> YEAR_2100_MS;
            case 8 -> RecordBatch.NO_TIMESTAMP;
            case 9 -> Long.MAX_VALUE;
            case 10 -> Long.MIN_VALUE;
            default -> data.consumeLong();
        };
    }

    /**
     * Damages a copy of {@code batch} (or returns it untouched): byte flips in the header or the
     * records, a rewritten header field, a cut, then usually a recomputed CRC.
     *
     * @return the possibly damaged copy, position 0
     */
    public static ByteBuffer mutate(FuzzedDataProvider data, ByteBuffer batch) {
        ByteBuffer copy = ByteBuffer.allocate(batch.remaining());
        copy.put(batch.duplicate()).flip();
        int kind = data.consumeInt(0, 7);
        int size = copy.limit();
        switch (kind) {
            case 0, 1, 2 -> {
                return copy;
            }
            case 3 -> {
                int flips = data.consumeInt(1, 4);
                for (int i = 0; i < flips; i++) {
                    int at = data.consumeInt(RecordBatch.ATTRIBUTES_OFFSET, size - 1);
                    copy.put(at, (byte) (copy.get(at) ^ (1 << data.consumeInt(0, 7))));
                }
            }
            case 4 -> copy.putShort(RecordBatch.ATTRIBUTES_OFFSET, data.consumeShort());
            case 5 -> copy.putInt(RecordBatch.RECORDS_COUNT_OFFSET, data.consumeInt());
            case 6 -> copy.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, data.consumeInt());
            default -> {
                int newSize = data.consumeInt(RecordBatch.HEADER_SIZE, size);
                copy.limit(newSize);
                copy.putInt(RecordBatch.BATCH_LENGTH_OFFSET, newSize - RecordBatch.LOG_OVERHEAD);
                copy = copy.slice();
            }
        }
        if (data.consumeInt(0, 7) != 0) {
            fixCrc(copy);
        }
        return copy;
    }

    /** Recomputes the CRC of the batch at position 0 (its length field must fit the buffer). */
    public static void fixCrc(ByteBuffer batch) {
        RecordBatch view = new RecordBatch(batch, 0);
        if ((long) view.batchLength() + RecordBatch.LOG_OVERHEAD <= batch.limit()) {
            batch.putInt(RecordBatch.CRC_OFFSET, (int) view.computeChecksum());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
