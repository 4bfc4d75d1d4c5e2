package io.samsa.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Segments taken out of a log (by retention, DeleteRecords or a compaction swap) whose channels stay
 * open for {@code file.delete.delay.ms}, so readers that already hold a {@link FileSlice} over them
 * can finish. Deleted segments were renamed to {@code .deleted} first; replaced segments share their
 * names with the new files, so only their channels are closed.
 *
 * <p>Thread-safe (synchronized); the work is small.
 */
final class PendingDeletes {
    private static final Logger LOG = LoggerFactory.getLogger(PendingDeletes.class);

    private record Pending(LogSegment segment, long dueMs, boolean deleteFiles) {
    }

    private final List<Pending> pending = new ArrayList<>();

    /**
     * @param deleteFiles true for a deleted segment, false for one replaced by compaction
     */
    synchronized void add(LogSegment segment, long dueMs, boolean deleteFiles) {
        pending.add(new Pending(segment, dueMs, deleteFiles));
    }

    /** Closes (and deletes) every segment due at {@code nowMs}. */
    synchronized void runDue(long nowMs) {
        pending.removeIf(p -> {
            if (nowMs - p.dueMs() < 0) {
                return false;
            }
            finish(p);
            return true;
        });
    }

    /** Finishes everything now: at close. */
    synchronized void runAll() {
        pending.forEach(PendingDeletes::finish);
        pending.clear();
    }

    synchronized int size() {
        return pending.size();
    }

    private static void finish(Pending p) {
        try {
            if (p.deleteFiles()) {
                p.segment().closeAndDelete();
            } else {
                p.segment().close();
            }
        } catch (IOException e) {
            LOG.warn("Could not remove segment {}: {}", p.segment(), e.toString());
        }
    }
}
