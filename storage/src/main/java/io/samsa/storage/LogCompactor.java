package io.samsa.storage;

import io.samsa.protocol.record.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Key-based compaction of one log ({@code cleanup.policy=compact}). A pass:
 * <ol>
 *   <li>picks the cleanable segments: every non-active segment, stopping at the first one with a
 *       record newer than {@code min.compaction.lag.ms};</li>
 *   <li>maps each key to its latest offset in that range;</li>
 *   <li>rewrites each segment into {@code .cleaned} files keeping a record when it is its key's latest
 *       (records without a key are kept), and dropping a latest tombstone (null value) only once its
 *       batch's max timestamp is {@code delete.retention.ms} old. Offsets and order are preserved: a
 *       filtered batch keeps its base offset and lastOffsetDelta and each record keeps its offset
 *       delta; only its record count, length and CRC change;</li>
 *   <li>swaps each cleaned segment in under the log's lock for an instant: deletes the old indexes,
 *       atomically renames the cleaned log over the old one, then renames the indexes (a crash in
 *       between leaves a missing index, which the loader rebuilds).</li>
 * </ol>
 * Compressed and control batches are kept whole: their records are not opened here.
 *
 * <p>Transactions, as Kafka's cleaner treats them: nothing at or after the first open transaction
 * is cleaned (its fate is unknown); a data batch of an aborted transaction (one the segments'
 * {@link TransactionIndex}es list) is removed, and its keys do not count as their latest record; a
 * transaction marker is kept until its batch's max timestamp is {@code delete.retention.ms} old,
 * so a consumer reading through has time to see it, and removed after that. The aborted-transaction
 * index of a cleaned segment stays as it was (an entry whose records are gone filters nothing).
 *
 * <p>Thread-safety: one pass at a time per log (synchronized); appends run concurrently because the
 * active segment is never touched and the lock is held only for the swap.
 */
final class LogCompactor {
    private static final Logger LOG = LoggerFactory.getLogger(LogCompactor.class);
    /** The log's truncation count when the running pass started. */
    private long passTruncations;

    private final PartitionLog log;
    /** The end of the last cleaned range: bytes above it are dirty. */
    private volatile long firstDirtyOffset = -1;
    /** When the earliest kept tombstone becomes removable, or Long.MAX_VALUE. */
    private volatile long nextTombstoneDeadlineMs = Long.MAX_VALUE;

    LogCompactor(PartitionLog log) {
        this.log = log;
    }

    /** Dirty ratio at least min.cleanable.dirty.ratio, or a tombstone due for removal. */
    boolean isDue(long nowMs) {
        if (nowMs - nextTombstoneDeadlineMs >= 0) {
            return true;
        }
        long total = 0;
        long dirty = 0;
        LogSegment active = log.activeSegment();
        for (LogSegment segment : log.segmentMap().values()) {
            if (segment == active) {
                break;
            }
            total += segment.sizeBytes();
            if (segment.baseOffset() >= firstDirtyOffset) {
                dirty += segment.sizeBytes();
            }
        }
        return total > 0 && dirty > 0 && (double) dirty / total >= log.config().minCleanableDirtyRatio();
    }

    /**
     * @param maxKeyMapBytes the memory budget of the key map, in bytes (estimated); when the dirty
     *                       segments do not all fit, this pass cleans up to the last one mapped
     */
    synchronized boolean compact(long nowMs, long maxKeyMapBytes) throws IOException {
        passTruncations = log.truncations(); // before the key map: a later truncation makes it stale
        long startNs = System.nanoTime();
        LogConfig config = log.config();
        List<LogSegment> cleanable = cleanableSegments(config, nowMs);
        if (cleanable.isEmpty()) {
            return false;
        }
        AbortedRanges aborted = new AbortedRanges(log.segmentMap().values());
        Map<ByteBuffer, Long> latest = new HashMap<>();
        int cleanCount = mapDirtySegments(cleanable, latest, maxKeyMapBytes, aborted);
        cleanable = cleanable.subList(0, cleanCount);
        long deadline = Long.MAX_VALUE;
        long bytesBefore = 0;
        long bytesAfter = 0;
        for (LogSegment segment : cleanable) {
            bytesBefore += segment.sizeBytes();
            SegmentResult result = cleanSegment(segment, latest, aborted, config, nowMs);
            bytesAfter += result.sizeBytes;
            deadline = Math.min(deadline, result.tombstoneDeadlineMs);
        }
        LogSegment last = cleanable.get(cleanable.size() - 1);
        Long nextBase = log.segmentMap().higherKey(last.baseOffset());
        firstDirtyOffset = nextBase == null ? last.nextOffset() : nextBase;
        nextTombstoneDeadlineMs = deadline;
        LOG.info("Compacted {}: {} segments, {} -> {} bytes, {} keys in {} ms", log.topicPartition(), cleanable.size(),
                bytesBefore, bytesAfter, latest.size(), (System.nanoTime() - startNs) / 1_000_000);
        return true;
    }

    /**
     * Maps the keys of the dirty segments (from firstDirtyOffset on) until the budget is used up.
     * Keys of a segment mapped past the budget may stay in the map: they point at newer records that
     * this pass does not touch, so dropping what they supersede is still right.
     *
     * @return how many leading segments this pass cleans (at least one)
     */
    private int mapDirtySegments(List<LogSegment> cleanable, Map<ByteBuffer, Long> latest, long maxKeyMapBytes,
                                 AbortedRanges aborted) throws IOException {
        long mapBytes = 0;
        int cleanCount = 0;
        for (LogSegment segment : cleanable) {
            cleanCount++;
            if (segment.baseOffset() < firstDirtyOffset && segment != cleanable.get(cleanable.size() - 1)) {
                continue;
            }
            mapBytes += mapKeys(segment, latest, aborted);
            if (mapBytes > maxKeyMapBytes) {
                boolean firstDirty = cleanCount == 1 || cleanable.get(cleanCount - 2).baseOffset() < firstDirtyOffset;
                LOG.info("Key map of {} full at {} bytes; cleaning {} segments this pass", log.topicPartition(), mapBytes,
                        firstDirty ? cleanCount : cleanCount - 1);
                return firstDirty ? cleanCount : cleanCount - 1;
            }
        }
        return cleanCount;
    }

    private List<LogSegment> cleanableSegments(LogConfig config, long nowMs) {
        List<LogSegment> cleanable = new ArrayList<>();
        LogSegment active = log.activeSegment();
        long firstOpenTxn = log.producerState().firstOngoingOffset();
        for (LogSegment segment : log.segmentMap().values()) {
            boolean tooRecent = config.minCompactionLagMs() > 0 && nowMs - segment.maxTimestampMs() < config.minCompactionLagMs();
            boolean unstable = firstOpenTxn >= 0 && segment.nextOffset() > firstOpenTxn;
            if (segment == active || tooRecent || unstable) {
                break;
            }
            cleanable.add(segment);
        }
        return cleanable;
    }

    /** Estimated bytes of one map entry beyond its key: node, key wrapper, boxed offset. */
    private static final int ENTRY_OVERHEAD_BYTES = 96;

    /**
     * Records each key's latest offset in the segment; keys are copied out of the read buffers.
     *
     * @return the estimated bytes the new entries take
     */
    private static long mapKeys(LogSegment segment, Map<ByteBuffer, Long> latest, AbortedRanges aborted) throws IOException {
        long added = 0;
        BatchScanner scanner = new BatchScanner(segment.channel(), 0, segment.sizeBytes(), segment.baseOffset(), false, 1 << 20);
        RecordBatch batch;
        while ((batch = scanner.next()) != null) {
            if (!isOpenable(batch) || aborted.contains(batch)) {
                continue;
            }
            RecordCursor cursor = new RecordCursor(batch);
            while (cursor.next()) {
                if (cursor.hasKey()) {
                    ByteBuffer key = cursor.key();
                    ByteBuffer copy = ByteBuffer.allocate(key.remaining()).put(key).flip();
                    if (latest.put(copy, cursor.offset()) == null) {
                        added += copy.capacity() + ENTRY_OVERHEAD_BYTES;
                    }
                }
            }
        }
        return added;
    }

    private static boolean isOpenable(RecordBatch batch) {
        return batch.compressionId() == 0 && !batch.isControlBatch();
    }

    private record SegmentResult(long sizeBytes, long tombstoneDeadlineMs) {
    }

    private SegmentResult cleanSegment(LogSegment segment, Map<ByteBuffer, Long> latest, AbortedRanges aborted, LogConfig config,
                                       long nowMs) throws IOException {
        Path logPath = SegmentFiles.withSuffix(segment.logPath(), SegmentFiles.CLEANED_SUFFIX);
        Path indexPath = SegmentFiles.withSuffix(segment.offsetIndex().path(), SegmentFiles.CLEANED_SUFFIX);
        Path timeIndexPath = SegmentFiles.withSuffix(segment.timeIndex().path(), SegmentFiles.CLEANED_SUFFIX);
        Files.deleteIfExists(logPath);
        Files.deleteIfExists(indexPath);
        Files.deleteIfExists(timeIndexPath);
        // a cleaned segment has at most as many batches as the original: size its indexes to that
        long maxBatches = segment.sizeBytes() / RecordBatch.HEADER_SIZE + 2;
        int indexBytes = (int) Math.min(config.segmentIndexBytes(), maxBatches * TimeIndex.ENTRY_BYTES);
        // the cleaned copy gets an index of its own that is never written: the swap keeps the segment's
        TransactionIndex unusedTxnIndex = TransactionIndex.load(SegmentFiles.withSuffix(segment.txnIndex().path(),
                SegmentFiles.CLEANED_SUFFIX));
        LogSegment cleaned = LogSegment.open(logPath, indexPath, timeIndexPath, unusedTxnIndex, segment.baseOffset(),
                indexBytes, log.time().milliseconds());
        long deadline = Long.MAX_VALUE;
        try {
            BatchScanner scanner = new BatchScanner(segment.channel(), 0, segment.sizeBytes(), segment.baseOffset(), false, 1 << 20);
            RecordBatch batch;
            while ((batch = scanner.next()) != null) {
                if (aborted.contains(batch)) {
                    continue;
                }
                if (batch.isControlBatch()) {
                    long markerDeadlineMs = batch.maxTimestamp() + config.deleteRetentionMs();
                    if (nowMs - markerDeadlineMs >= 0) {
                        continue;
                    }
                    deadline = Math.min(deadline, markerDeadlineMs);
                }
                BatchFilter.Result filtered = BatchFilter.filter(batch, latest, config.deleteRetentionMs(), nowMs);
                deadline = Math.min(deadline, filtered.tombstoneDeadlineMs());
                if (filtered.batch() != null) {
                    cleaned.append(filtered.batch(), config.indexIntervalBytes());
                }
            }
            cleaned.becomeInactive();
            cleaned.flushWithIndexes();
            cleaned.close();
        } catch (IOException | RuntimeException e) {
            cleaned.closeAndDelete();
            throw e;
        }
        long size = cleaned.sizeBytes();
        swap(segment, passTruncations, logPath, indexPath, timeIndexPath, config, nowMs);
        return new SegmentResult(size, deadline);
    }

    /**
     * Replaces the segment's files by the cleaned ones and publishes a segment over them, unless
     * the log closed, the segment was replaced, or the log was truncated since the segment was
     * read (a follower's truncation may have cut this very segment: its cleaned copy is stale).
     */
    private void swap(LogSegment old, long truncationsBefore, Path cleanedLog, Path cleanedIndex, Path cleanedTimeIndex,
                      LogConfig config, long nowMs) throws IOException {
        log.lock().lock();
        try {
            if (log.isClosed() || log.segmentMap().get(old.baseOffset()) != old || log.truncations() != truncationsBefore) {
                Files.deleteIfExists(cleanedLog);
                Files.deleteIfExists(cleanedIndex);
                Files.deleteIfExists(cleanedTimeIndex);
                return;
            }
            Path logPath = old.logPath();
            Path indexPath = old.offsetIndex().path();
            Path timeIndexPath = old.timeIndex().path();
            Files.deleteIfExists(indexPath);
            Files.deleteIfExists(timeIndexPath);
            Files.move(cleanedLog, logPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(cleanedIndex, indexPath, StandardCopyOption.ATOMIC_MOVE);
            Files.move(cleanedTimeIndex, timeIndexPath, StandardCopyOption.ATOMIC_MOVE);
            PartitionCheckpoint.fsyncDirectory(logPath.getParent());
            LogSegment replacement = LogSegment.open(logPath, indexPath, timeIndexPath, old.txnIndex(), old.baseOffset(), 0,
                    old.createdMs());
            replacement.loadTailState();
            log.segmentMap().put(old.baseOffset(), replacement);
            log.pendingDeletes().add(old, nowMs + config.fileDeleteDelayMs(), false);
        } finally {
            log.lock().unlock();
        }
    }
}
