package io.samsa.storage;

import io.samsa.protocol.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * What a {@link PartitionLog} does for transactions around an append and a read: refuses fenced
 * markers before anything is written, applies appended batches to the {@link ProducerStateManager}
 * (an ABORT marker adds an {@link AbortedTxn} to its segment's {@link TransactionIndex}), answers
 * which aborted transactions a read_committed fetch overlaps, and deletes snapshots that no longer
 * describe the log.
 *
 * <p>Stateless; the append-side methods run under the log's lock, the read side takes none.
 */
final class LogTransactions {
    private LogTransactions() {
    }

    /**
     * Refuses an append when a transaction marker in it is fenced (producer or coordinator epoch).
     *
     * @throws ProducerStateException with Kafka's error code; nothing has been written
     */
    static void checkMarkers(ProducerStateManager state, ByteBuffer buffer) {
        int position = buffer.position();
        while (position < buffer.limit()) {
            RecordBatch batch = new RecordBatch(buffer, position);
            if (batch.isControlBatch() && batch.hasProducerId()) {
                state.checkMarker(batch);
            }
            position += batch.sizeInBytes();
        }
    }

    /**
     * Applies appended batches (offsets final) to the producer state, before the log end offset
     * publishes them, so a reader that sees them also sees the transactions they open or end.
     */
    static void apply(LogSegment segment, ProducerStateManager state, ByteBuffer buffer) throws IOException {
        int position = buffer.position();
        while (position < buffer.limit()) {
            RecordBatch batch = new RecordBatch(buffer, position);
            if (batch.hasProducerId()) {
                apply(segment, state, batch);
            }
            position += batch.sizeInBytes();
        }
    }

    /** Applies one batch and, for an ABORT marker, indexes the aborted transaction in its segment. */
    static void apply(LogSegment segment, ProducerStateManager state, RecordBatch batch) throws IOException {
        CompletedTxn completed = state.update(batch);
        if (completed != null && completed.aborted()) {
            segment.txnIndex().append(new AbortedTxn(completed.producerId(), completed.firstOffset(), completed.lastOffset(),
                    state.lastStableOffsetAfter(completed)));
        }
    }

    /** The aborted transactions overlapping {@code [fromOffset, upperBoundOffset)}, from the segment holding fromOffset on. */
    static List<AbortedTxn> abortedTransactions(NavigableMap<Long, LogSegment> segments, long fromOffset, long upperBoundOffset) {
        List<AbortedTxn> out = new ArrayList<>();
        Long floor = segments.floorKey(fromOffset);
        for (LogSegment segment : segments.tailMap(floor == null ? Long.MIN_VALUE : floor, true).values()) {
            segment.txnIndex().collectOverlapping(fromOffset, upperBoundOffset, out);
        }
        return out;
    }

    /** Deletes the producer-state snapshots taken below {@code offset}. */
    static void deleteSnapshotsBelow(Path dir, long offset) throws IOException {
        for (Path snapshot : ProducerStateSnapshot.list(dir).headMap(offset, false).values()) {
            Files.deleteIfExists(snapshot);
        }
    }
}
