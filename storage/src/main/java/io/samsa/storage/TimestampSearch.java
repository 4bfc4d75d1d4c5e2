package io.samsa.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The timestamp-based ListOffsets searches over a log's segments. Segments are skipped by their
 * largest timestamp, so a search usually opens one segment: through its time index for "first at or
 * after", and newest-maximum first for MAX_TIMESTAMP.
 *
 * <p>Stateless; safe to run concurrently with appends (segments only ever read committed bytes).
 */
final class TimestampSearch {
    private TimestampSearch() {
    }

    /**
     * @param segments       the log's segments in offset order
     * @param timestampMs    the target timestamp
     * @param startingOffset the log start offset: records below it do not count
     */
    static Optional<TimestampAndOffset> firstAtOrAfter(Collection<LogSegment> segments, long timestampMs, long startingOffset)
            throws IOException {
        for (LogSegment segment : segments) {
            if (segment.maxTimestampMs() >= timestampMs && segment.nextOffset() > startingOffset) {
                TimestampAndOffset found = segment.findOffsetByTimestamp(timestampMs, startingOffset);
                if (found != null) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param segments       the log's segments in offset order
     * @param startingOffset the log start offset: records below it do not count
     * @return the record with the largest timestamp, the earliest on ties
     */
    static Optional<TimestampAndOffset> maxTimestamp(Collection<LogSegment> segments, long startingOffset) throws IOException {
        List<LogSegment> candidates = new ArrayList<>();
        for (LogSegment segment : segments) {
            if (segment.maxTimestampMs() >= 0 && segment.nextOffset() > startingOffset) {
                candidates.add(segment);
            }
        }
        candidates.sort((a, b) -> a.maxTimestampMs() != b.maxTimestampMs()
                ? Long.compare(b.maxTimestampMs(), a.maxTimestampMs()) : Long.compare(a.baseOffset(), b.baseOffset()));
        TimestampAndOffset best = null;
        for (LogSegment segment : candidates) {
            if (best != null && segment.maxTimestampMs() < best.timestampMs()) {
                break;
            }
            TimestampAndOffset found = segment.maxTimestampRecord(startingOffset);
            if (found != null && (best == null || found.timestampMs() > best.timestampMs()
                    || (found.timestampMs() == best.timestampMs() && found.offset() < best.offset()))) {
                best = found;
            }
        }
        return Optional.ofNullable(best);
    }
}
