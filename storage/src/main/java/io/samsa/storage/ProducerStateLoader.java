package io.samsa.storage;

import io.samsa.protocol.record.CorruptRecordException;
import io.samsa.protocol.record.RecordBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a partition's {@link ProducerStateManager} and aborted-transaction indexes in line with its
 * log: loads the newest trustworthy {@link ProducerStateSnapshot} (at or above the log start offset,
 * at or below {@code snapshotCeiling}), then replays only the batches from the snapshot's offset to
 * the log end, rewriting the {@link TransactionIndex} entries of the replayed range. A snapshot that
 * fails its checks is deleted and the next older one tried; with none, the whole log is replayed.
 * Snapshots past the log end (a truncated or crashed log) are deleted.
 *
 * <p>Runs at open and after a truncation, under the log's lock (or before the log is published).
 */
final class ProducerStateLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerStateLoader.class);
    private static final int CHUNK_BYTES = 1 << 20;

    private ProducerStateLoader() {
    }

    /**
     * @param snapshotCeiling the newest offset a snapshot may be taken at and be trusted (the log end)
     * @return how many batches were replayed
     */
    static long rebuild(Path dir, TopicPartition partition, NavigableMap<Long, LogSegment> segments, ProducerStateManager state,
                        long logStartOffset, long logEndOffset, long snapshotCeiling) throws IOException {
        TreeMap<Long, Path> snapshots = ProducerStateSnapshot.list(dir);
        for (Path stale : snapshots.tailMap(logEndOffset, false).values()) {
            Files.deleteIfExists(stale);
        }
        long from = logStartOffset;
        state.reset(logStartOffset);
        for (Map.Entry<Long, Path> snapshot : snapshots.headMap(Math.min(snapshotCeiling, logEndOffset), true)
                .descendingMap().entrySet()) {
            if (snapshot.getKey() < logStartOffset) {
                break;
            }
            try {
                state.restore(ProducerStateSnapshot.read(snapshot.getValue()), snapshot.getKey());
                from = snapshot.getKey();
                break;
            } catch (ProducerStateSnapshot.CorruptSnapshotException e) {
                LOG.warn("Ignoring producer-state snapshot of {}: {}; rebuilding from the log", partition, e.getMessage());
                Files.deleteIfExists(snapshot.getValue());
            }
        }
        Long floor = segments.floorKey(from);
        NavigableMap<Long, LogSegment> replayed = segments.tailMap(floor == null ? Long.MIN_VALUE : floor, true);
        for (LogSegment segment : replayed.values()) {
            segment.txnIndex().truncateTo(from);
        }
        long batches = 0;
        for (LogSegment segment : replayed.values()) {
            batches += replaySegment(partition, segment, state, from);
        }
        state.reset(logEndOffset, false);
        LOG.debug("Loaded producer state of {} from offset {}: {} batches replayed, {} producers", partition, from, batches,
                state.producerCount());
        return batches;
    }

    private static long replaySegment(TopicPartition partition, LogSegment segment, ProducerStateManager state, long from)
            throws IOException {
        long position = segment.positionOf(from);
        if (position < 0) {
            return 0;
        }
        BatchScanner scanner = new BatchScanner(segment.channel(), position, segment.sizeBytes(), Long.MIN_VALUE, false, CHUNK_BYTES);
        long batches = 0;
        RecordBatch batch;
        while ((batch = scanner.next()) != null) {
            if (batch.nextOffset() <= from) {
                continue;
            }
            batches++;
            try {
                LogTransactions.apply(segment, state, batch);
            } catch (CorruptRecordException e) {
                LOG.warn("Skipping an unreadable control batch of {} at offset {}: {}", partition, batch.baseOffset(), e.getMessage());
            }
        }
        return batches;
    }
}
