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
    private volatile LogConfig config;
    private volatile LogSegment activeSegment;
    private volatile long logEndOffset;
    private volatile long logStartOffset;
    private volatile long lastFlushMs;
    /** {recoveryPoint, logStartOffset} last written, so an unchanged checkpoint costs no fsync. */
    private long[] lastCheckpoint = {-1, -1};
    private volatile boolean closed;

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
        ByteBuffer buffer = records.buffer();
        LogConfig cfg = config;
        AppendValidator.Summary summary = AppendValidator.validate(buffer, cfg);
        AppendInfo info;
        lock.lock();
        try {
            ensureOpen();
            long nowMs = time.milliseconds();
            long firstOffset = logEndOffset;
            LogSegment segment = maybeRoll(cfg, summary.sizeInBytes(), firstOffset + summary.offsetCount() - 1, nowMs);
            long maxTimestamp = assignOffsets(buffer, firstOffset, cfg, nowMs);
            segment.append(buffer, cfg.indexIntervalBytes());
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
        if (info.lastOffset() + 1 - groupCommit.durableOffset() >= cfg.flushMessages()) {
            flushUpTo(info.lastOffset() + 1);
        }
        for (AppendListener listener : listeners) {
            listener.onAppend(this, info);
        }
        return info;
    }

    private static long assignOffsets(ByteBuffer buffer, long firstOffset, LogConfig cfg, long nowMs) {
        long next = firstOffset;
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        int position = buffer.position();
        while (position < buffer.limit()) {
            RecordBatch batch = new RecordBatch(buffer, position);
            batch.setBaseOffset(next);
            if (cfg.timestampType() == TimestampType.LOG_APPEND_TIME) {
                batch.setLogAppendTime(nowMs);
            }
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
            next = batch.nextOffset();
            position += batch.sizeInBytes();
        }
        return maxTimestamp;
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
        long endOffset = logEndOffset;
        long startOffset = logStartOffset;
        if (offset < startOffset || offset > endOffset) {
            throw new OffsetOutOfRangeException(partition, offset, startOffset, endOffset);
        }
        if (offset < endOffset) {
            try {
                Long floor = segments.floorKey(offset);
                for (LogSegment segment : segments.tailMap(floor == null ? Long.MIN_VALUE : floor).values()) {
                    FileSlice slice = segment.read(offset, maxBytes);
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

    @Override
    public String toString() {
        return "PartitionLog(" + partition + ", start=" + logStartOffset + ", end=" + logEndOffset + ")";
    }
}
