package io.samsa.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opens a partition directory and brings it to a consistent state before the log serves anything.
 *
 * <ol>
 *   <li>Deletes leftovers of interrupted work: {@code .cleaned} (compaction output), {@code .deleted}
 *       (delayed deletions) and temporary files.</li>
 *   <li>After an unclean stop (no clean-shutdown marker), re-validates every batch from the segment
 *       holding the recovery point on (structure and CRC), rebuilding indexes, and truncates at the
 *       first invalid byte; later segments are deleted. Every truncation is logged with topic,
 *       partition, offset and bytes dropped.</li>
 *   <li>Segments before that are trusted, but a missing, torn or inconsistent index is rebuilt
 *       (and the segment re-validated while at it).</li>
 * </ol>
 *
 * <p>Not thread-safe; runs once per log before it is published.
 */
final class LogLoader {
    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    private LogLoader() {
    }

    /**
     * @param segments       the loaded segments in offset order; the last one is active
     * @param logStartOffset the first readable offset
     */
    record LoadedLog(List<LogSegment> segments, long logStartOffset) {
    }

    static LoadedLog load(Path dir, TopicPartition partition, LogConfig config, long nowMs) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            PartitionCheckpoint.fsyncDirectory(dir.getParent());
        }
        PartitionCheckpoint checkpoint = new PartitionCheckpoint(dir);
        boolean clean = checkpoint.hasCleanShutdownMarker();
        long[] points = checkpoint.read();
        long recoveryPoint = points[0];
        long logStartOffset = points[1];

        List<LogSegment> segments = new ArrayList<>();
        List<Boolean> indexMissing = new ArrayList<>();
        for (Map.Entry<Long, Path> entry : listSegments(dir).entrySet()) {
            long base = entry.getKey();
            Path offsetIndex = SegmentFiles.offsetIndex(dir, base);
            Path timeIndex = SegmentFiles.timeIndex(dir, base);
            boolean missing = !Files.exists(offsetIndex) || !Files.exists(timeIndex)
                    || !MappedIndex.hasWholeEntries(offsetIndex, OffsetIndex.ENTRY_BYTES)
                    || !MappedIndex.hasWholeEntries(timeIndex, TimeIndex.ENTRY_BYTES);
            if (missing) {
                Files.deleteIfExists(offsetIndex);
                Files.deleteIfExists(timeIndex);
            }
            segments.add(LogSegment.open(entry.getValue(), offsetIndex, timeIndex, base, 0, nowMs));
            indexMissing.add(missing);
        }

        int recoverFrom = clean ? segments.size() : segmentHolding(segments, recoveryPoint);
        List<LogSegment> kept = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            LogSegment segment = segments.get(i);
            kept.add(segment);
            String indexProblem = i >= recoverFrom ? null
                    : indexMissing.get(i) ? "missing or torn index" : segment.indexProblem();
            if (i >= recoverFrom || indexProblem != null) {
                if (indexProblem != null) {
                    LOG.warn("Rebuilding the indexes of segment {} of {}: {}", segment.baseOffset(), partition, indexProblem);
                }
                LogSegment.RecoveryResult result = segment.recover(config.indexIntervalBytes(), config.segmentIndexBytes());
                if (i < segments.size() - 1) {
                    segment.becomeInactive();
                }
                if (result.truncatedBytes() > 0) {
                    LOG.warn("Truncated {} (topic {}, partition {}) at offset {} in segment {} at byte {}: dropped {} bytes ({})",
                            partition, partition.topic(), partition.partition(), result.nextOffset(), segment.baseOffset(),
                            result.validBytes(), result.truncatedBytes(), result.reason());
                    deleteLaterSegments(partition, segments.subList(i + 1, segments.size()), result.nextOffset());
                    break;
                }
            } else {
                segment.loadTailState();
            }
        }
        if (kept.isEmpty()) {
            kept.add(LogSegment.create(dir, logStartOffset, config, nowMs));
        }
        LogSegment active = kept.get(kept.size() - 1);
        active.becomeActive(config.segmentIndexBytes());
        long logEndOffset = active.nextOffset();
        logStartOffset = Math.max(logStartOffset, kept.get(0).baseOffset());
        if (logStartOffset > logEndOffset) {
            LOG.warn("Log start offset {} of {} is past the recovered end {}; moving it back", logStartOffset, partition, logEndOffset);
            logStartOffset = logEndOffset;
        }
        for (LogSegment segment : kept.subList(Math.min(recoverFrom, kept.size()), kept.size())) {
            segment.flushWithIndexes();
        }
        checkpoint.write(logEndOffset, logStartOffset);
        checkpoint.deleteCleanShutdownMarker();
        return new LoadedLog(kept, logStartOffset);
    }

    private static void deleteLaterSegments(TopicPartition partition, List<LogSegment> later, long truncatedAtOffset) throws IOException {
        for (LogSegment dropped : later) {
            LOG.warn("Truncated {} (topic {}, partition {}) at offset {}: deleted segment {}, dropped {} bytes",
                    partition, partition.topic(), partition.partition(), truncatedAtOffset, dropped.baseOffset(),
                    dropped.channel().size());
            dropped.closeAndDelete();
        }
    }

    /** The index of the last segment whose base offset is at most the offset, or 0. */
    private static int segmentHolding(List<LogSegment> segments, long offset) {
        int found = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).baseOffset() <= offset) {
                found = i;
            }
        }
        return found;
    }

    /** The {@code .log} files by base offset, after deleting leftovers of interrupted work. */
    private static TreeMap<Long, Path> listSegments(Path dir) throws IOException {
        TreeMap<Long, Path> logs = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(SegmentFiles.CLEANED_SUFFIX) || name.endsWith(SegmentFiles.DELETED_SUFFIX) || name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                    continue;
                }
                long base = SegmentFiles.baseOffsetOfLog(name);
                if (base >= 0) {
                    logs.put(base, file);
                }
            }
        }
        return logs;
    }
}
