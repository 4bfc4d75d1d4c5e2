package io.samsa.storage;

import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.util.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable, segmented, append-only log of one partition, in {@code <log.dir>/<topic>-<partition>/}.
 *
 * <p><b>Thread-safety.</b> Appends, rolls, retention deletes, DeleteRecords and compaction swaps are
 * serialised by one lock per partition. Reads ({@link #read}, {@link #offsetForTimestamp},
 * {@link #batchesFrom}, the offset getters) take no lock and run concurrently with appends: an append
 * writes the bytes and index entries first and then publishes the segment's committed size and the
 * log end offset through volatiles, so a reader only ever sees whole, committed batches. Durability
 * waits ({@code flush.messages}) happen after the lock is released and are shared between concurrent
 * appenders ({@link GroupCommit}).
 *
 * <p>Appending, flushing and compacting do blocking file I/O: call them from a storage thread,
 * never from a network event loop. Reads do positional reads of batch headers only.
 */
public final class PartitionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);
    /** Kafka's log.cleaner.dedupe.buffer.size default. */
    public static final long DEFAULT_KEY_MAP_BYTES = 128L << 20;

    private final Path dir;
    private final TopicPartition partition;
    private final Time time;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Serializes checkpoint writes. Not the append lock: a checkpoint fsyncs, and under heavy
     * write-back an fsync can take hundreds of milliseconds that appends must not wait for.
     * Whoever needs both takes this one first.
     */
    private final ReentrantLock checkpointLock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    private final CopyOnWriteArrayList<AppendListener> listeners = new CopyOnWriteArrayList<>();
    private final PendingDeletes pendingDeletes = new PendingDeletes();
    private final PartitionCheckpoint checkpoint;
    private final GroupCommit groupCommit;
    private final LogCompactor compactor;
    private final LeaderEpochCache epochs;
    private final ProducerStateManager producerState = new ProducerStateManager();
    /** Batches the last producer-state rebuild replayed (tests: only the tail after a snapshot). */
    private volatile long producerStateReplayedBatches;
    private volatile LogConfig config;
    private volatile LogSegment activeSegment;
    private volatile long logEndOffset;
    private volatile long logStartOffset;
    /** Offsets below are replicated to the whole ISR; kept by the replication layer, clamped to the log. */
    private volatile long highWatermark;
    private volatile long lastFlushMs;
    /** {recoveryPoint, logStartOffset} last written, so an unchanged checkpoint costs no fsync. */
    private long[] lastCheckpoint = {-1, -1};
    private volatile boolean closed;
    /** Grows with every truncation, so a compaction that read the segments before one does not swap stale data in. */
    private volatile long truncations;

    private PartitionLog(Path dir, TopicPartition partition, LogConfig config, Time time) throws IOException {
        this.dir = dir;
        this.partition = partition;
        this.config = config;
        this.time = time;
        this.checkpoint = new PartitionCheckpoint(dir);
        long nowMs = time.milliseconds();
        LogLoader.LoadedLog loaded = LogLoader.load(dir, partition, config, nowMs);
        for (LogSegment segment : loaded.segments()) {
            segments.put(segment.baseOffset(), segment);
        }
        this.activeSegment = segments.lastEntry().getValue();
        this.logEndOffset = activeSegment.nextOffset();
        this.logStartOffset = loaded.logStartOffset();
        this.highWatermark = logStartOffset;
        this.epochs = LeaderEpochCache.load(dir);
        epochs.truncateFromEnd(logEndOffset);
        epochs.truncateFromStart(logStartOffset);
        // a snapshot at or below the recovered end is whole and its segments' txn indexes were fsynced before it
        this.producerStateReplayedBatches = ProducerStateLoader.rebuild(dir, partition, segments, producerState, logStartOffset,
                logEndOffset, logEndOffset);
        this.groupCommit = new GroupCommit(this::flushAll, logEndOffset);
        this.compactor = new LogCompactor(this);
        this.lastFlushMs = nowMs;
    }

    /**
     * Opens (creating when absent) and recovers the log in {@code dir}. After an unclean stop every
     * batch past the recovery point is re-validated and the log truncated at the first invalid byte.
     *
     * @throws StorageException when the files cannot be read or written
     */
    public static PartitionLog open(Path dir, TopicPartition partition, LogConfig config, Time time) {
        try {
            return new PartitionLog(dir, partition, config, time);
        } catch (IOException e) {
            throw new StorageException("cannot open the log of " + partition + " in " + dir, e);
        }
    }

    public TopicPartition topicPartition() {
        return partition;
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** Replaces the topic config; takes effect from the next append, roll or background pass. */
    public void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
    }

    /** The offset the next appended record gets. */
    public long logEndOffset() {
        return logEndOffset;
    }

    /** The first offset a reader may ask for. */
    public long logStartOffset() {
        return logStartOffset;
    }

    /** Every offset below this is fsynced; recovery after a crash starts here. */
    public long recoveryPoint() {
        return groupCommit.durableOffset();
    }

    public int segmentCount() {
        return segments.size();
    }

    /** The segments' base offsets, oldest first (for tools and tests). */
    public List<Long> segmentBaseOffsets() {
        return new ArrayList<>(segments.keySet());
    }

    /** Committed bytes across all segments. */
    public long sizeInBytes() {
        long total = 0;
        for (LogSegment segment : segments.values()) {
            total += segment.sizeBytes();
        }
        return total;
    }

    public void addAppendListener(AppendListener listener) {
        listeners.add(listener);
    }

    public void removeAppendListener(AppendListener listener) {
        listeners.remove(listener);
    }

    /**
     * Appends producer batches: validates them, assigns offsets in place (each batch's base offset;
     * the CRC does not cover it), stamps LogAppendTime when the topic asks for it, writes and
     * indexes them, and, when {@code flush.messages} says so, returns only once they are fsynced.
     *
     * @param records whole v2 batches; their buffer is modified in place (offsets, maybe timestamps)
     * @throws io.samsa.protocol.record.CorruptRecordException when a batch is malformed; nothing is written
     * @throws RecordTooLargeException when a batch exceeds max.message.bytes; nothing is written
     * @throws StorageException        on an I/O failure
     */
    public AppendInfo append(MemoryRecords records) {
        return appendAsLeader(records, NO_EPOCH_STAMP);
    }

    /** As {@link #appendAsLeader}'s epoch: leave each batch's partition_leader_epoch as it is. */
    public static final int NO_EPOCH_STAMP = -2;

    /**
     * Appends as the partition's leader: as {@link #append}, and stamps every batch with
     * {@code leaderEpoch} (the partition_leader_epoch field, which the v2 CRC does not cover, so no
     * CRC is recomputed). A batch with a newer epoch than the cache's latest starts that epoch.
     *
     * @param leaderEpoch the epoch to stamp, or {@link #NO_EPOCH_STAMP}
     */
    public AppendInfo appendAsLeader(MemoryRecords records, int leaderEpoch) {
        ByteBuffer buffer = records.buffer();
        LogConfig cfg = config;
        AppendValidator.Summary summary = AppendValidator.validate(buffer, cfg);
        AppendInfo info;
        lock.lock();
        try {
            ensureOpen();
            LogTransactions.checkMarkers(producerState, buffer);
            long nowMs = time.milliseconds();
            long firstOffset = logEndOffset;
            LogSegment segment = maybeRoll(cfg, summary.sizeInBytes(), firstOffset + summary.offsetCount() - 1, nowMs);
            long maxTimestamp = assignOffsets(buffer, firstOffset, cfg, nowMs, leaderEpoch);
            segment.append(buffer, cfg.indexIntervalBytes());
            startNewEpochs(buffer);
            LogTransactions.apply(segment, producerState, buffer);
            long nextOffset = firstOffset + summary.offsetCount();
            logEndOffset = nextOffset;
            long appendTimeMs = cfg.timestampType() == TimestampType.LOG_APPEND_TIME ? nowMs : RecordBatch.NO_TIMESTAMP;
            info = new AppendInfo(firstOffset, nextOffset - 1, appendTimeMs, maxTimestamp, logStartOffset,
                    summary.sizeInBytes(), summary.batchCount());
        } catch (IOException e) {
            throw new StorageException("append to " + partition + " failed", e);
        } finally {
            lock.unlock();
        }
        return published(info, cfg);
    }

    private static long assignOffsets(ByteBuffer buffer, long firstOffset, LogConfig cfg, long nowMs, int leaderEpoch) {
        long next = firstOffset;
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        int position = buffer.position();
        while (position < buffer.limit()) {
            RecordBatch batch = new RecordBatch(buffer, position);
            batch.setBaseOffset(next);
            if (leaderEpoch != NO_EPOCH_STAMP) {
                batch.setPartitionLeaderEpoch(leaderEpoch);
            }
            if (cfg.timestampType() == TimestampType.LOG_APPEND_TIME) {
                batch.setLogAppendTime(nowMs);
            }
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
            next = batch.nextOffset();
            position += batch.sizeInBytes();
        }
        return maxTimestamp;
    }

    /** After an append, outside the lock: the flush.messages wait, then the listeners. */
    private AppendInfo published(AppendInfo info, LogConfig cfg) {
        if (info.lastOffset() + 1 - groupCommit.durableOffset() >= cfg.flushMessages()) {
            flushUpTo(info.lastOffset() + 1);
        }
        for (AppendListener listener : listeners) {
            listener.onAppend(this, info);
        }
        return info;
    }

    /** Adds an epoch cache entry for each batch whose epoch is newer than the latest. Lock held. */
    private void startNewEpochs(ByteBuffer buffer) throws IOException {
        int position = buffer.position();
        while (position < buffer.limit()) {
            RecordBatch batch = new RecordBatch(buffer, position);
            int epoch = batch.partitionLeaderEpoch();
            if (epoch > epochs.latestEpoch()) {
                epochs.assign(epoch, batch.baseOffset());
            }
            position += batch.sizeInBytes();
        }
    }

    /**
     * Appends as a follower: batches copied from the leader keep the leader's offsets, timestamps
     * and leader epochs; nothing is reassigned. They are validated as any append (structure, CRC,
     * sizes), and their offsets must go up from the log end offset (gaps, which compaction leaves,
     * are allowed; going back is not) with leader epochs that never go down.
     *
     * @param records whole v2 batches with their final offsets; not modified
     * @throws InvalidAppendOffsetException when the offsets or epochs go backwards; nothing is written
     */
    public AppendInfo appendAsFollower(MemoryRecords records) {
        ByteBuffer buffer = records.buffer();
        LogConfig cfg = config;
        AppendValidator.Summary summary = AppendValidator.validate(buffer, cfg);
        AppendInfo info;
        lock.lock();
        try {
            ensureOpen();
            long nowMs = time.milliseconds();
            long firstOffset = new RecordBatch(buffer, buffer.position()).baseOffset();
            long[] lastAndMaxTimestamp = checkFollowerBatches(buffer);
            LogSegment segment = maybeRoll(cfg, summary.sizeInBytes(), lastAndMaxTimestamp[0], nowMs);
            if (segment.isEmpty() && segment.baseOffset() < firstOffset && segments.size() == 1 && logEndOffset == segment.baseOffset()) {
                segment = restartEmptyLogAt(firstOffset, nowMs);
            }
            segment.append(buffer, cfg.indexIntervalBytes());
            startNewEpochs(buffer);
            LogTransactions.apply(segment, producerState, buffer);
            logEndOffset = lastAndMaxTimestamp[0] + 1;
            info = new AppendInfo(firstOffset, lastAndMaxTimestamp[0], RecordBatch.NO_TIMESTAMP, lastAndMaxTimestamp[1],
                    logStartOffset, summary.sizeInBytes(), summary.batchCount());
        } catch (IOException e) {
            throw new StorageException("follower append to " + partition + " failed", e);
        } finally {
            lock.unlock();
        }
        return published(info, cfg);
    }

    /** @return {last offset, max timestamp} of follower batches whose offsets and epochs go forward. Lock held. */
    private long[] checkFollowerBatches(ByteBuffer buffer) {
        long expected = logEndOffset;
        int latestEpoch = epochs.latestEpoch();
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        long last = -1;
        int position = buffer.position();
        while (position < buffer.limit()) {
            RecordBatch batch = new RecordBatch(buffer, position);
            if (batch.baseOffset() < expected) {
                throw new InvalidAppendOffsetException(partition + ": follower batch at offset " + batch.baseOffset()
                        + " is below the expected offset " + expected);
            }
            if (batch.partitionLeaderEpoch() < latestEpoch) {
                throw new InvalidAppendOffsetException(partition + ": follower batch at offset " + batch.baseOffset()
                        + " has leader epoch " + batch.partitionLeaderEpoch() + ", below the latest " + latestEpoch);
            }
            latestEpoch = Math.max(latestEpoch, batch.partitionLeaderEpoch());
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
            last = batch.lastOffset();
            expected = last + 1;
            position += batch.sizeInBytes();
        }
        return new long[] {last, maxTimestamp};
    }

    /** An empty log whose leader starts later (its log start moved): begin the one segment there. Lock held. */
    private LogSegment restartEmptyLogAt(long offset, long nowMs) throws IOException {
        LogSegment old = activeSegment;
        truncations++;
        segments.remove(old.baseOffset());
        old.closeAndDelete();
        LogSegment next = LogSegment.create(dir, offset, config, nowMs);
        PartitionCheckpoint.fsyncDirectory(dir);
        segments.put(offset, next);
        activeSegment = next;
        logEndOffset = offset;
        logStartOffset = offset;
        highWatermark = Math.max(highWatermark, offset);
        groupCommit.reset(offset);
        checkpoint.write(offset, offset);
        producerState.reset(offset);
        LogTransactions.deleteSnapshotsBelow(dir, Long.MAX_VALUE); // they describe data this log no longer has
        return next;
    }

    /**
     * Truncates the log to {@code offset}: every batch from the one holding it on is removed (replicas
     * only ever truncate at batch boundaries), with its index entries, the leader epochs that start
     * there, and the high watermark clamped. A follower does this to drop what a new leader does
     * not have.
     *
     * <p>Crash-safe by order: later segments are renamed for deletion newest first (the log stays
     * contiguous), then the holding segment is cut and fsynced, then the epoch cache and the
     * checkpoint are rewritten. A crash in between leaves a log that is longer than asked but whole;
     * its epoch cache is clamped on open, and a follower re-runs the divergence check when it starts
     * following again.
     *
     * @param offset the new log end offset (at most; the holding batch's base offset when it falls inside one)
     * @return whether anything was removed
     */
    public boolean truncateTo(long offset) {
        return truncate(offset, false);
    }

    /**
     * Empties the log and restarts it at {@code offset}, the new log start and end offset, with no
     * leader epochs: a follower does this when the leader's log starts after this log's end (its
     * older data was deleted). Crash-safe as {@link #truncateTo}.
     */
    public void truncateFullyAndStartAt(long offset) {
        truncate(offset, true);
    }

    private boolean truncate(long offset, boolean fully) {
        checkpointLock.lock();
        lock.lock();
        try {
            ensureOpen();
            if (!fully && offset >= logEndOffset) {
                return false;
            }
            long nowMs = time.milliseconds();
            long before = logEndOffset;
            if (fully || offset <= logStartOffset || segments.floorKey(offset) == null) {
                restartLogAt(Math.max(offset, 0), nowMs);
            } else {
                for (LogSegment later : new ArrayList<>(segments.descendingMap().headMap(offset, false).values())) {
                    segments.remove(later.baseOffset());
                    later.renameForDeletion();
                    pendingDeletes.add(later, nowMs + config.fileDeleteDelayMs(), true);
                }
                LogSegment holding = segments.floorEntry(offset).getValue();
                holding.truncateTo(offset, config.indexIntervalBytes(), config.segmentIndexBytes());
                activeSegment = holding;
                logEndOffset = holding.nextOffset();
            }
            truncations++;
            producerStateReplayedBatches = ProducerStateLoader.rebuild(dir, partition, segments, producerState, logStartOffset,
                    logEndOffset, logEndOffset);
            epochs.truncateFromEnd(logEndOffset);
            highWatermark = Math.max(logStartOffset, Math.min(highWatermark, logEndOffset));
            long recoveryPoint = Math.min(groupCommit.durableOffset(), logEndOffset);
            groupCommit.reset(recoveryPoint);
            checkpoint.write(recoveryPoint, logStartOffset);
            lastCheckpoint = new long[] {recoveryPoint, logStartOffset};
            LOG.info("Truncated {} to offset {} (was {})", partition, logEndOffset, before);
            return true;
        } catch (IOException e) {
            throw new StorageException("truncation of " + partition + " to " + offset + " failed", e);
        } finally {
            lock.unlock();
            checkpointLock.unlock();
        }
    }

    /** Removes every segment and starts an empty one at {@code offset}, the new start and end. Lock held. */
    private void restartLogAt(long offset, long nowMs) throws IOException {
        for (LogSegment old : new ArrayList<>(segments.values())) {
            segments.remove(old.baseOffset());
            old.renameForDeletion();
            pendingDeletes.add(old, nowMs + config.fileDeleteDelayMs(), true);
        }
        LogSegment next = LogSegment.create(dir, offset, config, nowMs);
        PartitionCheckpoint.fsyncDirectory(dir);
        segments.put(offset, next);
        activeSegment = next;
        logEndOffset = offset;
        logStartOffset = offset;
        epochs.truncateFromStart(offset);
        LogTransactions.deleteSnapshotsBelow(dir, Long.MAX_VALUE); // they describe data this log no longer has
    }

    /** The partition's leader epochs. */
    public LeaderEpochCache leaderEpochCache() {
        return epochs;
    }

    /** @return the latest leader epoch written to this log, or -1 */
    public int latestEpoch() {
        return epochs.latestEpoch();
    }

    /** OffsetForLeaderEpoch over this log's epochs and its current end offset. */
    public EpochEndOffset endOffsetForEpoch(int epoch) {
        return epochs.endOffsetFor(epoch, logEndOffset);
    }

    /** The producers of this partition and their transactions, as this log holds them. */
    public ProducerStateManager producerState() {
        return producerState;
    }

    /**
     * The last stable offset: below it every transaction is decided (committed or aborted, with
     * its marker below the high watermark); read_committed consumers read only below it.
     *
     * @param highWatermark the partition's high watermark, read before this call (the log end
     *                      offset of a single-node partition)
     */
    public long lastStableOffset(long highWatermark) {
        return producerState.lastStableOffset(highWatermark);
    }

    /**
     * The aborted transactions overlapping {@code [fromOffset, upperBoundOffset)}, in marker order
     * per segment: what a read_committed fetch from {@code fromOffset} returns with its records.
     * Reads only the in-memory index entries of the segments from the one holding fromOffset on.
     */
    public List<AbortedTxn> abortedTransactions(long fromOffset, long upperBoundOffset) {
        return LogTransactions.abortedTransactions(segments, fromOffset, upperBoundOffset);
    }

    /** Batches replayed by the last producer-state rebuild (open or truncation). */
    long producerStateReplayedBatches() {
        return producerStateReplayedBatches;
    }

    /** Offsets below this are committed (replicated to the ISR); consumers read only below it. */
    public long highWatermark() {
        return highWatermark;
    }

    /**
     * Sets the high watermark, clamped to [log start offset, log end offset]. The replication
     * layer decides monotonicity; recovery and truncation may lower it.
     *
     * @return the value set
     */
    public long updateHighWatermark(long offset) {
        long clamped = Math.max(logStartOffset, Math.min(offset, logEndOffset));
        highWatermark = clamped;
        return clamped;
    }

    /** Rolls when the payload would overflow the segment, segment.ms passed, or an index is full. Lock held. */
    private LogSegment maybeRoll(LogConfig cfg, int sizeInBytes, long lastOffset, long nowMs) throws IOException {
        LogSegment segment = activeSegment;
        boolean full = (long) segment.sizeBytes() + sizeInBytes > cfg.segmentBytes();
        boolean old = !segment.isEmpty() && nowMs - segment.createdMs() >= cfg.segmentMs();
        boolean offsetsOverflow = lastOffset - segment.baseOffset() > Integer.MAX_VALUE;
        if ((full || old || segment.indexesFull() || offsetsOverflow) && segment.baseOffset() != logEndOffset) {
            return roll(nowMs);
        }
        return segment;
    }

    /** Seals the active segment and starts a new one at the log end offset. Lock held. */
    private LogSegment roll(long nowMs) throws IOException {
        LogSegment old = activeSegment;
        old.becomeInactive();
        LogSegment next = LogSegment.create(dir, logEndOffset, config, nowMs);
        // the new file's directory entry must survive a crash as surely as the bytes later fsynced into it
        PartitionCheckpoint.fsyncDirectory(dir);
        segments.put(next.baseOffset(), next);
        activeSegment = next;
        old.txnIndex().flush(); // the snapshot below is trusted after a crash, so the entries it relies on go first
        ProducerStateSnapshot.write(dir, logEndOffset, producerState.snapshotEntries());
        LOG.debug("Rolled {} to a new segment at offset {}", partition, next.baseOffset());
        return next;
    }

    /** Rolls now, whatever the active segment's size (tests, tools). No-op on an empty active segment. */
    public void roll() {
        lock.lock();
        try {
            ensureOpen();
            if (!activeSegment.isEmpty()) {
                roll(time.milliseconds());
            }
        } catch (IOException e) {
            throw new StorageException("roll of " + partition + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whole batches from the one holding {@code offset}: at most {@code maxBytes} of them, but always
     * at least the first batch even when it is larger (so a consumer always makes progress).
     *
     * @param offset   the first offset wanted
     * @param maxBytes the byte budget
     * @return a slice of one segment file; empty when offset is the log end offset
     * @throws OffsetOutOfRangeException when offset is below the log start offset or above the end
     */
    public FileSlice read(long offset, int maxBytes) {
        return read(offset, maxBytes, Long.MAX_VALUE);
    }

    /**
     * As {@link #read(long, int)}, but only batches below {@code maxOffset} (exclusive), the
     * bound a consumer reads to (the high watermark); Long.MAX_VALUE reads to the log end.
     */
    public FileSlice read(long offset, int maxBytes, long maxOffset) {
        long endOffset = logEndOffset;
        long startOffset = logStartOffset;
        if (offset < startOffset || offset > endOffset) {
            throw new OffsetOutOfRangeException(partition, offset, startOffset, endOffset);
        }
        if (offset < endOffset) {
            try {
                Long floor = segments.floorKey(offset);
                for (LogSegment segment : segments.tailMap(floor == null ? Long.MIN_VALUE : floor).values()) {
                    FileSlice slice = segment.read(offset, maxBytes, maxOffset);
                    if (slice != null) {
                        return slice;
                    }
                }
            } catch (IOException e) {
                throw new StorageException("read of " + partition + " at offset " + offset + " failed", e);
            }
        }
        LogSegment active = activeSegment;
        return new FileSlice(active.channel(), active.sizeBytes(), 0);
    }

    /**
     * Iterates batches from the one holding {@code offset} up to the log end offset at the time of
     * the call, each read into its own heap buffer: for replay (producer state, __consumer_offsets),
     * not for the fetch path.
     *
     * @throws OffsetOutOfRangeException when offset is outside the log
     */
    public Iterator<RecordBatch> batchesFrom(long offset) {
        return new LogBatchIterator(this, offset, logEndOffset);
    }

    /**
     * ListOffsets by timestamp: the first record at or after the log start offset whose timestamp is
     * at least {@code timestampMs}.
     *
     * @return the record's timestamp and offset, or empty when no record is that new
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestampMs) {
        try {
            return TimestampSearch.firstAtOrAfter(segments.values(), timestampMs, logStartOffset);
        } catch (IOException e) {
            throw new StorageException("timestamp search of " + partition + " failed", e);
        }
    }

    /** ListOffsets EARLIEST: the log start offset. */
    public TimestampAndOffset earliestOffset() {
        return new TimestampAndOffset(RecordBatch.NO_TIMESTAMP, logStartOffset);
    }

    /** ListOffsets LATEST: the log end offset. */
    public TimestampAndOffset latestOffset() {
        return new TimestampAndOffset(RecordBatch.NO_TIMESTAMP, logEndOffset);
    }

    /**
     * ListOffsets MAX_TIMESTAMP: the record with the largest timestamp from the log start offset on
     * (the earliest on ties), or empty for an empty log.
     */
    public Optional<TimestampAndOffset> maxTimestampOffset() {
        try {
            return TimestampSearch.maxTimestamp(segments.values(), logStartOffset);
        } catch (IOException e) {
            throw new StorageException("max timestamp search of " + partition + " failed", e);
        }
    }

    /**
     * DeleteRecords: moves the log start offset up to {@code offset} and deletes the segments wholly
     * below it. The new start offset is checkpointed before returning.
     *
     * @return the log start offset afterwards
     * @throws OffsetOutOfRangeException when offset is above the log end offset
     */
    public long deleteRecordsBefore(long offset) {
        checkpointLock.lock(); // always before the append lock (close takes both in this order)
        lock.lock();
        try {
            ensureOpen();
            if (offset > logEndOffset || offset < 0) {
                throw new OffsetOutOfRangeException(partition, offset, logStartOffset, logEndOffset);
            }
            if (offset > logStartOffset) {
                logStartOffset = offset;
                deleteSegments(leadingBelowStart(), time.milliseconds(), "DeleteRecords");
                startMoved();
                checkpoint.write(groupCommit.durableOffset(), logStartOffset);
            }
            return logStartOffset;
        } catch (IOException e) {
            throw new StorageException("DeleteRecords on " + partition + " failed", e);
        } finally {
            lock.unlock();
            checkpointLock.unlock();
        }
    }

    /** The log start offset moved up: epochs before it go, and the high watermark is never below it. Lock held. */
    private void startMoved() throws IOException {
        epochs.truncateFromStart(logStartOffset);
        highWatermark = Math.max(highWatermark, logStartOffset);
    }

    private int leadingBelowStart() {
        List<LogSegment> ordered = new ArrayList<>(segments.values());
        int prefix = 0;
        while (prefix < ordered.size() - 1 && ordered.get(prefix + 1).baseOffset() <= logStartOffset) {
            prefix++;
        }
        return prefix;
    }

    /**
     * One retention pass (retention.ms, retention.bytes, and segments below the log start offset).
     *
     * @param nowMs the clock reading for the pass
     * @return the number of segments deleted
     */
    public int deleteExpiredSegments(long nowMs) {
        lock.lock();
        try {
            if (closed) {
                return 0;
            }
            List<LogSegment> ordered = new ArrayList<>(segments.values());
            int prefix = RetentionPolicy.deletablePrefix(ordered, config, logStartOffset, nowMs);
            if (prefix == 0) {
                return 0;
            }
            if (prefix == ordered.size()) {
                roll(nowMs);
            }
            return deleteSegments(prefix, nowMs, "retention");
        } catch (IOException e) {
            throw new StorageException("retention of " + partition + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Removes the oldest {@code count} segments (never the active one). Lock held. */
    private int deleteSegments(int count, long nowMs, String why) throws IOException {
        int deleted = 0;
        for (LogSegment segment : new ArrayList<>(segments.values())) {
            if (deleted == count || segment == activeSegment) {
                break;
            }
            segments.remove(segment.baseOffset());
            segment.renameForDeletion();
            pendingDeletes.add(segment, nowMs + config.fileDeleteDelayMs(), true);
            LOG.info("Deleted segment {} of {} ({} bytes) by {}", segment.baseOffset(), partition, segment.sizeBytes(), why);
            deleted++;
        }
        long firstBase = segments.firstKey();
        if (firstBase > logStartOffset) {
            logStartOffset = firstBase;
        }
        startMoved();
        LogTransactions.deleteSnapshotsBelow(dir, firstBase);
        return deleted;
    }

    /** Closes the files of deleted or replaced segments whose delay has passed. */
    public void runPendingDeletes(long nowMs) {
        pendingDeletes.runDue(nowMs);
    }

    /**
     * Compacts the log if its policy includes compact: keeps the latest record per key in every
     * non-active segment old enough for min.compaction.lag.ms. Appends continue meanwhile.
     *
     * @return true when a pass ran
     */
    public boolean compact(long nowMs) {
        return compact(nowMs, DEFAULT_KEY_MAP_BYTES);
    }

    /**
     * @param maxKeyMapBytes memory budget of the compactor's key map, in bytes
     *                       ({@code log.cleaner.dedupe.buffer.size}); a pass that does not fit cleans a prefix
     */
    public boolean compact(long nowMs, long maxKeyMapBytes) {
        if (!config.compact() || closed) {
            return false;
        }
        try {
            return compactor.compact(nowMs, maxKeyMapBytes);
        } catch (ClosedChannelException e) {
            return false;
        } catch (IOException e) {
            throw new StorageException("compaction of " + partition + " failed", e);
        }
    }

    /** Whether the compactor has enough dirty bytes (min.cleanable.dirty.ratio) or tombstones due. */
    public boolean compactionDue(long nowMs) {
        return config.compact() && !closed && compactor.isDue(nowMs);
    }

    /** Fsyncs every appended byte and advances the recovery point. */
    public void flush() {
        flushUpTo(logEndOffset);
    }

    /** flush.ms: flushes when the last flush is at least that old. */
    public void maybeFlush(long nowMs) {
        if (nowMs - lastFlushMs >= config.flushMs() && groupCommit.durableOffset() < logEndOffset) {
            flush();
        }
    }

    private void flushUpTo(long offset) {
        try {
            groupCommit.awaitDurable(offset);
        } catch (IOException e) {
            throw new StorageException("fsync of " + partition + " failed", e);
        }
    }

    /** The group-commit flush body: forces every segment from the recovery point on. */
    private long flushAll() throws IOException {
        long covered = logEndOffset;
        Long from = segments.floorKey(groupCommit.durableOffset());
        for (LogSegment segment : segments.tailMap(from == null ? Long.MIN_VALUE : from).values()) {
            try {
                segment.flush();
            } catch (ClosedChannelException e) {
                // deleted meanwhile: nothing to keep
            }
        }
        lastFlushMs = time.milliseconds();
        return covered;
    }

    /** Writes the recovery point and log start offset (done periodically and at close); appends go on meanwhile. */
    public void writeCheckpoint() {
        checkpointLock.lock();
        try {
            long recoveryPoint = groupCommit.durableOffset();
            long startOffset = logStartOffset;
            if (!closed && (recoveryPoint != lastCheckpoint[0] || startOffset != lastCheckpoint[1])) {
                checkpoint.write(recoveryPoint, startOffset);
                lastCheckpoint = new long[] {recoveryPoint, startOffset};
            }
        } catch (IOException e) {
            throw new StorageException("checkpoint of " + partition + " failed", e);
        } finally {
            checkpointLock.unlock();
        }
    }

    /** A clean close: flushes, seals the indexes, writes the checkpoint and the clean-shutdown marker. */
    @Override
    public void close() {
        checkpointLock.lock(); // the final checkpoint is the last one: no periodic write may follow it
        lock.lock();
        try {
            if (closed) {
                return;
            }
            activeSegment.becomeInactive();
            Long from = segments.floorKey(groupCommit.durableOffset());
            for (LogSegment segment : segments.tailMap(from == null ? Long.MIN_VALUE : from).values()) {
                segment.flushWithIndexes();
            }
            groupCommit.reset(logEndOffset);
            ProducerStateSnapshot.write(dir, logEndOffset, producerState.snapshotEntries());
            checkpoint.write(logEndOffset, logStartOffset);
            closeSegments();
            checkpoint.writeCleanShutdownMarker();
        } catch (IOException e) {
            throw new StorageException("close of " + partition + " failed", e);
        } finally {
            lock.unlock();
            checkpointLock.unlock();
        }
    }

    /** Closes the files without flushing or marking a clean stop, as a crash would leave them. */
    void closeUncleanly() {
        lock.lock();
        try {
            if (!closed) {
                closeSegments();
            }
        } catch (IOException e) {
            throw new StorageException("close of " + partition + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    private void closeSegments() throws IOException {
        closed = true;
        pendingDeletes.runAll();
        for (LogSegment segment : segments.values()) {
            segment.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("the log of " + partition + " is closed");
        }
    }

    // ---- package-private hooks for the compactor ----

    ReentrantLock lock() {
        return lock;
    }

    ConcurrentSkipListMap<Long, LogSegment> segmentMap() {
        return segments;
    }

    LogSegment activeSegment() {
        return activeSegment;
    }

    GroupCommit groupCommit() {
        return groupCommit;
    }

    PendingDeletes pendingDeletes() {
        return pendingDeletes;
    }

    Time time() {
        return time;
    }

    boolean isClosed() {
        return closed;
    }

    long truncations() {
        return truncations;
    }

    @Override
    public String toString() {
        return "PartitionLog(" + partition + ", start=" + logStartOffset + ", end=" + logEndOffset + ")";
    }
}
