package io.samsa.storage;

import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.EndTransactionMarker;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Transactional data batches and markers for storage tests, and a read of what a read_committed consumer would get. */
final class TxnTestBatches {
    private TxnTestBatches() {
    }

    /** A transactional batch of {@code producerId}, one record per key (value = key). */
    static MemoryRecords txn(long producerId, short epoch, int baseSequence, long timestampMs, String... keys) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE).producer(producerId, epoch, baseSequence)
                .transactional(true);
        for (String key : keys) {
            builder.append(timestampMs, key.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8));
        }
        return new MemoryRecords(builder.build());
    }

    /** A COMMIT or ABORT marker batch (coordinator epoch 0 unless given). */
    static MemoryRecords marker(long producerId, short epoch, ControlRecordType type, long timestampMs) {
        return marker(producerId, epoch, type, 0, timestampMs);
    }

    static MemoryRecords marker(long producerId, short epoch, ControlRecordType type, int coordinatorEpoch, long timestampMs) {
        return new MemoryRecords(RecordBatchBuilder.endTransactionMarker(0, timestampMs, 0, producerId, epoch,
                new EndTransactionMarker(type, coordinatorEpoch)));
    }

    /** The base offsets of the batches a fetch from {@code offset} up to {@code maxOffset} returns, read in 1 MiB slices. */
    static List<Long> batchOffsets(PartitionLog log, long offset, long maxOffset) {
        List<Long> out = new ArrayList<>();
        long next = offset;
        while (next < log.logEndOffset()) {
            FileSlice slice = log.read(next, 1 << 20, maxOffset);
            if (slice.isEmpty()) {
                break;
            }
            try {
                Iterator<RecordBatch> batches = slice.readAll().iterator();
                while (batches.hasNext()) {
                    RecordBatch batch = batches.next();
                    out.add(batch.baseOffset());
                    next = batch.nextOffset();
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }
}
