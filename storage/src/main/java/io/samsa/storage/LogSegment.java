package io.samsa.storage;

import io.samsa.protocol.record.RecordBatch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment of a partition log: a {@code .log} file of whole batches starting at a base offset,
 * with its sparse {@link OffsetIndex} and {@link TimeIndex} and its {@link TransactionIndex} of aborted transactions.
 *
 * <p>Thread-safety: mutations (append, recover, roll-over, close) come from one thread at a time,
 * the holder of the owning {@link PartitionLog}'s lock. Reads run concurrently: the committed size
 * is a volatile published after the bytes and index entries are written, and readers never look
 * past it, so they see only whole batches.
 */
final class LogSegment {
    /** Enough of a header for offsets, length and timestamps. */
    private static final int HEADER_PREFIX_BYTES = RecordBatch.PRODUCER_ID_OFFSET;

    private final long baseOffset;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final TransactionIndex txnIndex;
    private final long createdMs;
    private volatile Path logPath;
    private volatile int sizeBytes;
    private volatile long nextOffset;
    private volatile long maxTimestampMs = RecordBatch.NO_TIMESTAMP;
    private int bytesSinceLastIndexEntry;

    private LogSegment(Path logPath, long baseOffset, OffsetIndex offsetIndex, TimeIndex timeIndex, TransactionIndex txnIndex,
                       long createdMs) throws IOException {
        this.logPath = logPath;
        this.baseOffset = baseOffset;
        this.channel = FileChannel.open(logPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.txnIndex = txnIndex;
        this.createdMs = createdMs;
        this.sizeBytes = (int) Math.min(channel.size(), Integer.MAX_VALUE);
        this.nextOffset = baseOffset;
    }

    /** A new, empty, active segment. */
    static LogSegment create(Path dir, long baseOffset, LogConfig config, long nowMs) throws IOException {
        Files.deleteIfExists(SegmentFiles.offsetIndex(dir, baseOffset));
        Files.deleteIfExists(SegmentFiles.timeIndex(dir, baseOffset));
        Files.deleteIfExists(SegmentFiles.txnIndex(dir, baseOffset));
        Path log = SegmentFiles.log(dir, baseOffset);
        // start from an empty file even if a stale one had the name
        Files.deleteIfExists(log);
        return open(log, SegmentFiles.offsetIndex(dir, baseOffset), SegmentFiles.timeIndex(dir, baseOffset),
                baseOffset, config.segmentIndexBytes(), nowMs);
    }

    /**
     * Opens existing files; the caller then checks, recovers or loads the segment's state.
     *
     * @param maxIndexBytes the index mapping size, or 0 to map only existing entries
     */
    static LogSegment open(Path log, Path offsetIndexPath, Path timeIndexPath, long baseOffset, int maxIndexBytes,
                           long nowMs) throws IOException {
        return open(log, offsetIndexPath, timeIndexPath, TransactionIndex.load(SegmentFiles.txnIndex(log.getParent(), baseOffset)),
                baseOffset, maxIndexBytes, nowMs);
    }

    /** As {@link #open(Path, Path, Path, long, int, long)} with a given aborted-transaction index (compaction's swap). */
    static LogSegment open(Path log, Path offsetIndexPath, Path timeIndexPath, TransactionIndex txnIndex, long baseOffset,
                           int maxIndexBytes, long nowMs) throws IOException {
        OffsetIndex offsets = new OffsetIndex(offsetIndexPath, baseOffset, maxIndexBytes);
        TimeIndex times = new TimeIndex(timeIndexPath, baseOffset, maxIndexBytes);
        return new LogSegment(log, baseOffset, offsets, times, txnIndex, nowMs);
    }

    long baseOffset() {
        return baseOffset;
    }

    FileChannel channel() {
        return channel;
    }

    Path logPath() {
        return logPath;
    }

    /** Committed bytes: every byte below is part of a whole, readable batch. */
    int sizeBytes() {
        return sizeBytes;
    }

    /** The offset after the segment's last batch, or its base offset when empty. */
    long nextOffset() {
        return nextOffset;
    }

    /** The largest batch max timestamp, or -1 when none is known. */
    long maxTimestampMs() {
        return maxTimestampMs;
    }

    /** When the segment was created or loaded, by the injected clock: the start of segment.ms. */
    long createdMs() {
        return createdMs;
    }

    boolean isEmpty() {
        return sizeBytes == 0;
    }

    boolean indexesFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    TimeIndex timeIndex() {
        return timeIndex;
    }

    /** The segment's aborted transactions (ABORT markers appended to it). */
    TransactionIndex txnIndex() {
        return txnIndex;
    }

    /**
     * Writes batches whose offsets are already assigned and indexes them, then publishes them.
     *
     * @param data               whole batches between position and limit; not modified
     * @param indexIntervalBytes bytes between offset index entries
     */
    void append(ByteBuffer data, int indexIntervalBytes) throws IOException {
        long writePosition = sizeBytes;
        ByteBuffer source = data.duplicate();
        try {
            while (source.hasRemaining()) {
                writePosition += channel.write(source, writePosition);
            }
        } catch (IOException e) {
            dropUncommittedTail();
            throw e;
        }
        int at = data.position();
        int filePosition = sizeBytes;
        long maxTimestamp = maxTimestampMs;
        long next = nextOffset;
        while (at < data.limit()) {
            RecordBatch batch = new RecordBatch(data, at);
            maxTimestamp = index(batch, filePosition, maxTimestamp, indexIntervalBytes);
            next = batch.nextOffset();
            at += batch.sizeInBytes();
            filePosition += batch.sizeInBytes();
        }
        maxTimestampMs = maxTimestamp;
        nextOffset = next;
        sizeBytes = (int) writePosition;
    }

    /** Cuts bytes of a failed write, so nothing but committed batches is ever on file. Best effort. */
    private void dropUncommittedTail() {
        try {
            if (channel.size() > sizeBytes) {
                channel.truncate(sizeBytes);
            }
        } catch (IOException e) {
            // recovery after the next unclean start drops the tail anyway
        }
    }

    /** Adds index entries for a batch at a position when the interval has passed; returns the new max timestamp. */
    private long index(RecordBatch batch, int filePosition, long maxTimestampBefore, int indexIntervalBytes) {
        if (bytesSinceLastIndexEntry > indexIntervalBytes && !offsetIndex.isFull()) {
            offsetIndex.append(batch.baseOffset(), filePosition);
            timeIndex.maybeAppend(maxTimestampBefore, batch.baseOffset());
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batch.sizeInBytes();
        return Math.max(maxTimestampBefore, batch.maxTimestamp());
    }

    /** Reads the header prefix of the batch at a position into {@code header}; returns a flyweight over it. */
    private RecordBatch readHeader(ByteBuffer header, long position) throws IOException {
        header.clear();
        while (header.hasRemaining()) {
            if (channel.read(header, position + header.position()) < 0) {
                throw new IOException("segment " + logPath + " ends inside a batch header at " + position);
            }
        }
        return new RecordBatch(header, 0);
    }

    /** Reads one whole batch into a new buffer. */
    RecordBatch readBatch(long position, int sizeInBytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(sizeInBytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("segment " + logPath + " ends inside a batch at " + position);
            }
        }
        return new RecordBatch(buffer, 0);
    }

    /**
     * The position of the first committed batch whose last offset is at least the target, or -1.
     */
    long positionOf(long targetOffset) throws IOException {
        int committed = sizeBytes;
        long position = offsetIndex.lookupPosition(targetOffset);
        ByteBuffer header = ByteBuffer.allocate(HEADER_PREFIX_BYTES);
        while (position + HEADER_PREFIX_BYTES <= committed) {
            RecordBatch batch = readHeader(header, position);
            if (batch.lastOffset() >= targetOffset) {
                return position;
            }
            position += batch.sizeInBytes();
        }
        return -1;
    }

    /**
     * Whole batches from the one holding {@code startOffset}, at most {@code maxBytes} of them but
     * never less than the first batch.
     *
     * @return the slice, or null when no committed batch of this segment reaches the offset
     */
    FileSlice read(long startOffset, int maxBytes) throws IOException {
        return read(startOffset, maxBytes, Long.MAX_VALUE);
    }

    /**
     * As {@link #read(long, int)}, but never past the batch holding {@code maxOffset} (exclusive):
     * the high watermark a consumer may read up to. The bound always falls on a batch boundary, as
     * replicas copy whole batches.
     *
     * @param maxOffset the first offset not to return; Long.MAX_VALUE for no bound
     */
    FileSlice read(long startOffset, int maxBytes, long maxOffset) throws IOException {
        int committed = sizeBytes;
        long start = positionOf(startOffset);
        if (start < 0) {
            return null;
        }
        if (maxOffset != Long.MAX_VALUE) {
            long bound = positionOf(maxOffset);
            if (bound >= 0 && bound <= start) {
                return new FileSlice(channel, start, 0);
            }
            if (bound >= 0) {
                committed = (int) bound;
            }
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_PREFIX_BYTES);
        long end = start + readHeader(header, start).sizeInBytes();
        long budgetEnd = start + Math.max(0, maxBytes);
        // jump with the index to the last indexed batch that still fits, then walk headers
        long indexed = offsetIndex.floorPosition(budgetEnd);
        if (indexed > end && indexed <= committed) {
            end = indexed;
        }
        while (end + HEADER_PREFIX_BYTES <= committed) {
            long batchEnd = end + readHeader(header, end).sizeInBytes();
            if (batchEnd > budgetEnd || batchEnd > committed) {
                break;
            }
            end = batchEnd;
        }
        return new FileSlice(channel, start, (int) (end - start));
    }

    /**
     * The first record at or after {@code startingOffset} with a timestamp at or after the target.
     *
     * @return the answer, or null when this segment holds none
     */
    TimestampAndOffset findOffsetByTimestamp(long targetTimestampMs, long startingOffset) throws IOException {
        long fromOffset = Math.max(timeIndex.lookupStartOffset(targetTimestampMs), startingOffset);
        int committed = sizeBytes;
        long position = offsetIndex.lookupPosition(fromOffset);
        ByteBuffer header = ByteBuffer.allocate(HEADER_PREFIX_BYTES);
        while (position + HEADER_PREFIX_BYTES <= committed) {
            RecordBatch head = readHeader(header, position);
            int size = head.sizeInBytes();
            if (head.lastOffset() >= startingOffset && head.maxTimestamp() >= targetTimestampMs) {
                TimestampAndOffset found = firstRecordAtOrAfter(readBatch(position, size), targetTimestampMs, startingOffset);
                if (found != null) {
                    return found;
                }
            }
            position += size;
        }
        return null;
    }

    /**
     * The record with the largest timestamp at or after {@code startingOffset} (Kafka's MAX_TIMESTAMP
     * ListOffsets); the earliest such record on ties.
     *
     * @return the answer, or null when the segment has no record from that offset on
     */
    TimestampAndOffset maxTimestampRecord(long startingOffset) throws IOException {
        int committed = sizeBytes;
        long position = offsetIndex.lookupPosition(startingOffset);
        ByteBuffer header = ByteBuffer.allocate(HEADER_PREFIX_BYTES);
        TimestampAndOffset best = null;
        while (position + HEADER_PREFIX_BYTES <= committed) {
            RecordBatch head = readHeader(header, position);
            int size = head.sizeInBytes();
            if (head.lastOffset() >= startingOffset && (best == null || head.maxTimestamp() > best.timestampMs())) {
                TimestampAndOffset candidate = maxRecordOf(readBatch(position, size), startingOffset);
                if (candidate != null && (best == null || candidate.timestampMs() > best.timestampMs())) {
                    best = candidate;
                }
            }
            position += size;
        }
        return best;
    }

    private static TimestampAndOffset maxRecordOf(RecordBatch batch, long startingOffset) {
        if (batch.compressionId() != 0 || batch.isLogAppendTime()) {
            return new TimestampAndOffset(batch.maxTimestamp(), Math.max(batch.baseOffset(), startingOffset));
        }
        TimestampAndOffset best = null;
        RecordCursor cursor = new RecordCursor(batch);
        while (cursor.next()) {
            if (cursor.offset() >= startingOffset && (best == null || cursor.timestampMs() > best.timestampMs())) {
                best = new TimestampAndOffset(cursor.timestampMs(), cursor.offset());
            }
        }
        return best;
    }

    private static TimestampAndOffset firstRecordAtOrAfter(RecordBatch batch, long targetTimestampMs, long startingOffset) {
        if (batch.compressionId() != 0 || batch.isLogAppendTime()) {
            // one timestamp for the batch (LogAppendTime), or records we cannot open here (compressed)
            return new TimestampAndOffset(batch.maxTimestamp(), Math.max(batch.baseOffset(), startingOffset));
        }
        RecordCursor cursor = new RecordCursor(batch);
        while (cursor.next()) {
            if (cursor.offset() >= startingOffset && cursor.timestampMs() >= targetTimestampMs) {
                return new TimestampAndOffset(cursor.timestampMs(), cursor.offset());
            }
        }
        return null;
    }

    /**
     * Re-validates every batch (structure and CRC), rebuilds both indexes and the segment's state,
     * and truncates the file at the first invalid byte.
     *
     * @return what was found; {@code truncatedBytes} is 0 when the whole file was valid
     */
    RecoveryResult recover(int indexIntervalBytes, int maxIndexBytes) throws IOException {
        offsetIndex.reset(maxIndexBytes);
        timeIndex.reset(maxIndexBytes);
        bytesSinceLastIndexEntry = 0;
        long fileSize = channel.size();
        BatchScanner scanner = new BatchScanner(channel, 0, fileSize, baseOffset, true, 1 << 20);
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        RecordBatch batch;
        while ((batch = scanner.next()) != null) {
            maxTimestamp = index(batch, (int) scanner.batchPosition(), maxTimestamp, indexIntervalBytes);
        }
        long validEnd = scanner.validEndPosition();
        long truncated = fileSize - validEnd;
        if (truncated > 0) {
            channel.truncate(validEnd);
        }
        maxTimestampMs = maxTimestamp;
        nextOffset = scanner.nextOffset();
        sizeBytes = (int) validEnd;
        return new RecoveryResult(nextOffset, validEnd, truncated, scanner.stopReason());
    }

    /**
     * For a segment trusted without re-validation: reads its end offset and max timestamp from the
     * indexes and the batches after the last index entry.
     */
    void loadTailState() throws IOException {
        int committed = sizeBytes;
        int entries = offsetIndex.entries();
        long position = entries == 0 ? 0 : offsetIndex.positionAt(entries - 1);
        long maxTimestamp = timeIndex.entries() == 0 ? RecordBatch.NO_TIMESTAMP : timeIndex.keyAt(timeIndex.entries() - 1);
        long next = baseOffset;
        ByteBuffer header = ByteBuffer.allocate(HEADER_PREFIX_BYTES);
        while (position + HEADER_PREFIX_BYTES <= committed) {
            RecordBatch batch = readHeader(header, position);
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
            next = batch.nextOffset();
            position += batch.sizeInBytes();
        }
        bytesSinceLastIndexEntry = committed - (entries == 0 ? 0 : offsetIndex.positionAt(entries - 1));
        maxTimestampMs = maxTimestamp;
        nextOffset = next;
    }

    /**
     * Checks both indexes against the log: ordered entries inside the file, and the last offset
     * entry pointing at the batch it names.
     *
     * @return null when sane, otherwise the problem
     */
    String indexProblem() throws IOException {
        String problem = offsetIndex.sanityProblem(sizeBytes);
        if (problem == null) {
            problem = timeIndex.sanityProblem();
        }
        int entries = offsetIndex.entries();
        if (problem == null && entries > 0) {
            int position = offsetIndex.positionAt(entries - 1);
            if (position + HEADER_PREFIX_BYTES > sizeBytes
                    || readHeader(ByteBuffer.allocate(HEADER_PREFIX_BYTES), position).baseOffset() != offsetIndex.offsetAt(entries - 1)) {
                problem = "last offset index entry does not point at its batch";
            }
        }
        return problem;
    }

    /**
     * Cuts the segment before the batch holding {@code offset} (that batch and every later one go),
     * fsyncs the file, and rebuilds both indexes at full size, so the segment can be active again.
     *
     * @return the bytes dropped
     */
    long truncateTo(long offset, int indexIntervalBytes, int maxIndexBytes) throws IOException {
        long position = offset <= baseOffset ? 0 : positionOf(offset);
        if (position < 0) {
            return 0;
        }
        long dropped = channel.size() - position;
        channel.truncate(position);
        channel.force(true);
        txnIndex.truncateTo(offset);
        recover(indexIntervalBytes, maxIndexBytes);
        return dropped;
    }

    /** Makes the segment appendable again: maps the indexes at full size. */
    void becomeActive(int maxIndexBytes) throws IOException {
        offsetIndex.resize(maxIndexBytes);
        timeIndex.resize(maxIndexBytes);
    }

    /** Seals the segment: a final time index entry covering every batch, and indexes trimmed. */
    void becomeInactive() throws IOException {
        dropUncommittedTail();
        if (!timeIndex.isFull()) {
            timeIndex.maybeAppend(maxTimestampMs, nextOffset);
        }
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    /**
     * Forces the file's bytes to disk: the group-commit path. The indexes are not forced here: after
     * a crash they are rebuilt past the recovery point and sanity-checked before it.
     */
    void flush() throws IOException {
        channel.force(false);
        txnIndex.flush();
    }

    /** Forces the bytes and both indexes: at a clean close, so the marker can trust them. */
    void flushWithIndexes() throws IOException {
        channel.force(false);
        offsetIndex.flush();
        timeIndex.flush();
        txnIndex.flush();
    }

    /** Renames the files with the .deleted suffix; the channel stays open for readers. */
    void renameForDeletion() throws IOException {
        Path target = SegmentFiles.withSuffix(logPath, SegmentFiles.DELETED_SUFFIX);
        Files.move(logPath, target);
        logPath = target;
        offsetIndex.renameTo(SegmentFiles.withSuffix(offsetIndex.path(), SegmentFiles.DELETED_SUFFIX));
        timeIndex.renameTo(SegmentFiles.withSuffix(timeIndex.path(), SegmentFiles.DELETED_SUFFIX));
        txnIndex.renameTo(SegmentFiles.withSuffix(txnIndex.path(), SegmentFiles.DELETED_SUFFIX));
    }

    /** Closes the channel and indexes without touching the files. */
    void close() throws IOException {
        channel.close();
        offsetIndex.close();
        timeIndex.close();
    }

    /** Closes and deletes the files at their current names. */
    void closeAndDelete() throws IOException {
        close();
        Files.deleteIfExists(logPath);
        offsetIndex.deleteFile();
        timeIndex.deleteFile();
        txnIndex.deleteFile();
    }

    @Override
    public String toString() {
        return "LogSegment(base=" + baseOffset + ", size=" + sizeBytes + ", next=" + nextOffset + ")";
    }

    /**
     * @param nextOffset     the offset after the last valid batch
     * @param validBytes     bytes kept
     * @param truncatedBytes bytes dropped from the tail
     * @param reason         why the scan stopped early, or null
     */
    record RecoveryResult(long nextOffset, long validBytes, long truncatedBytes, String reason) {
    }
}
