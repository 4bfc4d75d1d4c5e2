package io.samsa.storage;

import java.util.List;

/**
 * Decides how many of the oldest segments a retention pass deletes. Each rule selects a prefix of
 * the segments; the pass deletes the longest:
 * <ul>
 *   <li>below the log start offset (DeleteRecords): a segment whose successor starts at or before it;</li>
 *   <li>{@code retention.ms} (policy delete): the segment's largest timestamp (its creation time when it
 *       has none) is more than retention.ms old;</li>
 *   <li>{@code retention.bytes} (policy delete): dropping the segment keeps the log at or above the limit.</li>
 * </ul>
 * The active segment counts only when it is not empty; the log rolls before deleting it.
 *
 * <p>Stateless and thread-safe.
 */
final class RetentionPolicy {
    private RetentionPolicy() {
    }

    /**
     * @param segments       all segments in offset order, the active one last
     * @param logStartOffset the current log start offset
     * @param nowMs          the clock reading for this pass
     * @return how many leading segments to delete
     */
    static int deletablePrefix(List<LogSegment> segments, LogConfig config, long logStartOffset, long nowMs) {
        int candidates = segments.size();
        if (candidates > 0 && segments.get(candidates - 1).isEmpty()) {
            candidates--;
        }
        int prefix = 0;
        while (prefix < candidates - 1 && segments.get(prefix + 1).baseOffset() <= logStartOffset) {
            prefix++;
        }
        if (!config.delete()) {
            return prefix;
        }
        if (config.retentionMs() >= 0) {
            int byTime = 0;
            while (byTime < candidates && expired(segments.get(byTime), config.retentionMs(), nowMs)) {
                byTime++;
            }
            prefix = Math.max(prefix, byTime);
        }
        if (config.retentionBytes() >= 0) {
            long excess = -config.retentionBytes();
            for (LogSegment segment : segments) {
                excess += segment.sizeBytes();
            }
            int bySize = 0;
            while (bySize < candidates && excess - segments.get(bySize).sizeBytes() >= 0) {
                excess -= segments.get(bySize).sizeBytes();
                bySize++;
            }
            prefix = Math.max(prefix, bySize);
        }
        return prefix;
    }

    private static boolean expired(LogSegment segment, long retentionMs, long nowMs) {
        long newestMs = segment.maxTimestampMs() >= 0 ? segment.maxTimestampMs() : segment.createdMs();
        return nowMs - newestMs > retentionMs;
    }
}
