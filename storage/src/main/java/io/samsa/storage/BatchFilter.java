package io.samsa.storage;

import io.samsa.protocol.record.RecordBatch;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The record-level decision of compaction for one batch, and the rebuilt batch when only some
 * records survive. A filtered batch is the original header (base offset, lastOffsetDelta,
 * timestamps and producer fields unchanged) followed by the kept records' bytes verbatim, with
 * batchLength, recordsCount and the CRC recomputed.
 *
 * <p>Stateless and thread-safe.
 */
final class BatchFilter {
    private BatchFilter() {
    }

    /**
     * @param batch               the surviving bytes (the original batch, a rebuilt one) or null when nothing survives
     * @param tombstoneDeadlineMs when the earliest kept tombstone may go, or Long.MAX_VALUE
     */
    record Result(ByteBuffer batch, long tombstoneDeadlineMs) {
    }

    /**
     * @param batch             a batch of the segment being cleaned
     * @param latest            each key's latest offset in the mapped range
     * @param deleteRetentionMs how long a latest tombstone is kept after its batch's max timestamp
     * @param nowMs             the clock reading of the pass
     */
    static Result filter(RecordBatch batch, Map<ByteBuffer, Long> latest, long deleteRetentionMs, long nowMs) {
        ByteBuffer whole = slice(batch.buffer(), batch.start(), batch.sizeInBytes());
        if (batch.compressionId() != 0 || batch.isControlBatch() || batch.recordsCount() == 0) {
            return new Result(whole, Long.MAX_VALUE);
        }
        long tombstoneDeadline = batch.maxTimestamp() + deleteRetentionMs;
        boolean tombstonesExpired = nowMs - tombstoneDeadline >= 0;
        long keptDeadline = Long.MAX_VALUE;
        RecordCursor cursor = new RecordCursor(batch);
        int kept = 0;
        int keptBytes = 0;
        boolean[] keep = new boolean[batch.recordsCount()];
        int n = 0;
        while (cursor.next()) {
            // a key absent from the map was not seen in the mapped (newer) range: this record is still its latest
            Long latestOffset = cursor.hasKey() ? latest.get(cursor.key()) : null;
            boolean isLatest = latestOffset == null || latestOffset <= cursor.offset();
            boolean keepIt = isLatest && !(cursor.isTombstone() && tombstonesExpired);
            if (keepIt && cursor.isTombstone()) {
                keptDeadline = Math.min(keptDeadline, tombstoneDeadline);
            }
            keep[n++] = keepIt;
            if (keepIt) {
                kept++;
                keptBytes += cursor.recordEnd() - cursor.recordStart();
            }
        }
        if (kept == n) {
            return new Result(whole, keptDeadline);
        }
        if (kept == 0) {
            return new Result(null, Long.MAX_VALUE);
        }
        return new Result(rebuild(batch, keep, kept, keptBytes), keptDeadline);
    }

    private static ByteBuffer rebuild(RecordBatch batch, boolean[] keep, int kept, int keptBytes) {
        ByteBuffer out = ByteBuffer.allocate(RecordBatch.RECORDS_OFFSET + keptBytes);
        out.put(slice(batch.buffer(), batch.start(), RecordBatch.RECORDS_OFFSET));
        RecordCursor cursor = new RecordCursor(batch);
        int n = 0;
        while (cursor.next()) {
            if (keep[n++]) {
                out.put(slice(batch.buffer(), cursor.recordStart(), cursor.recordEnd() - cursor.recordStart()));
            }
        }
        out.flip();
        out.putInt(RecordBatch.BATCH_LENGTH_OFFSET, out.limit() - RecordBatch.LOG_OVERHEAD);
        out.putInt(RecordBatch.RECORDS_COUNT_OFFSET, kept);
        RecordBatch rebuilt = new RecordBatch(out, 0);
        out.putInt(RecordBatch.CRC_OFFSET, (int) rebuilt.computeChecksum());
        return out;
    }

    private static ByteBuffer slice(ByteBuffer buffer, int start, int length) {
        ByteBuffer view = buffer.duplicate();
        view.limit(start + length).position(start);
        return view.slice();
    }
}
