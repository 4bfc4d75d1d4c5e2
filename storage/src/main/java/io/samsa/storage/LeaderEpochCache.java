package io.samsa.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader epochs of one partition's log and where each starts, kept in Kafka's
 * {@code leader-epoch-checkpoint} file beside the segments (the {@link CheckpointFile} format, one
 * {@code <epoch> <startOffset>} line per epoch, oldest first). Epochs and start offsets both grow
 * strictly. A follower uses it to find where its log diverges from a new leader's (KIP-101,
 * KIP-279): it asks the leader for the end offset of its own latest epoch and truncates there.
 *
 * <p>Every change rewrites the file atomically ({@link CheckpointFile#write}); epochs change only
 * on leadership changes and truncation, so that is rare. On open the entries are clamped to the
 * recovered log ({@link #truncateFromEnd}), since a crash may have cut the log after the file was
 * written.
 *
 * <p>Thread-safe: changes and lookups are synchronized; {@link #latestEpoch} reads a volatile.
 */
public final class LeaderEpochCache {
    static final String FILE_NAME = "leader-epoch-checkpoint";
    private static final Logger LOG = LoggerFactory.getLogger(LeaderEpochCache.class);

    private final Path file;
    private final List<EpochEntry> entries = new ArrayList<>();
    /** The last entry's epoch, readable without the monitor: the append path checks it per batch. */
    private volatile int latestEpoch = -1;

    private LeaderEpochCache(Path file) {
        this.file = file;
    }

    /** Reads the cache of the partition in {@code dir}; a missing or malformed file reads as empty. */
    static LeaderEpochCache load(Path dir) {
        LeaderEpochCache cache = new LeaderEpochCache(dir.resolve(FILE_NAME));
        try {
            CheckpointFile.read(cache.file, 2).ifPresent(lines -> {
                for (String[] fields : lines) {
                    cache.entries.add(new EpochEntry(Integer.parseInt(fields[0]), Long.parseLong(fields[1])));
                }
            });
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Ignoring unreadable {}: {}", cache.file, e.getMessage());
            cache.entries.clear();
        }
        cache.latestEpoch = cache.entries.isEmpty() ? -1 : cache.entries.get(cache.entries.size() - 1).epoch();
        return cache;
    }

    /** @return the latest epoch, or -1 when none is known */
    public int latestEpoch() {
        return latestEpoch;
    }

    /** @return a copy of the entries, oldest first */
    public synchronized List<EpochEntry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}, when it is newer than the latest
     * epoch. An entry whose start offset is not below the new one is dropped first (it held no data).
     *
     * @return whether the cache changed
     */
    synchronized boolean assign(int epoch, long startOffset) throws IOException {
        if (epoch < 0 || epoch <= latestEpoch()) {
            return false;
        }
        entries.removeIf(entry -> entry.startOffset() >= startOffset);
        entries.add(new EpochEntry(epoch, startOffset));
        flush();
        return true;
    }

    /**
     * OffsetForLeaderEpoch: for the latest epoch, the log end offset; for an older one, the start
     * offset of the first epoch after it, answered as the largest known epoch at most the requested
     * one (or the requested epoch itself when it is older than every known one); UNDEFINED for a
     * negative epoch, an epoch newer than every known one, or an empty cache.
     *
     * @param logEndOffset the log's end offset now
     */
    public synchronized EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
        if (requestedEpoch < 0 || entries.isEmpty()) {
            return EpochEndOffset.UNDEFINED;
        }
        if (requestedEpoch == latestEpoch) {
            return new EpochEndOffset(requestedEpoch, logEndOffset);
        }
        EpochEntry floor = null;
        EpochEntry higher = null;
        for (EpochEntry entry : entries) {
            if (entry.epoch() <= requestedEpoch) {
                floor = entry;
            } else {
                higher = entry;
                break;
            }
        }
        if (higher == null) {
            return EpochEndOffset.UNDEFINED;
        }
        return new EpochEndOffset(floor == null ? requestedEpoch : floor.epoch(), higher.startOffset());
    }

    /** Drops the epochs that start at or after {@code endOffset} (the log was cut there). */
    synchronized void truncateFromEnd(long endOffset) throws IOException {
        if (entries.removeIf(entry -> entry.startOffset() >= endOffset)) {
            flush();
        }
    }

    /**
     * Drops the epochs that end at or below {@code startOffset} (the log's start moved there); the
     * last epoch starting below it is kept, starting at it.
     */
    synchronized void truncateFromStart(long startOffset) throws IOException {
        int kept = 0;
        while (kept + 1 < entries.size() && entries.get(kept + 1).startOffset() <= startOffset) {
            kept++;
        }
        boolean changed = kept > 0;
        entries.subList(0, kept).clear();
        if (!entries.isEmpty() && entries.get(0).startOffset() < startOffset) {
            entries.set(0, new EpochEntry(entries.get(0).epoch(), startOffset));
            changed = true;
        }
        if (changed) {
            flush();
        }
    }

    private void flush() throws IOException {
        latestEpoch = entries.isEmpty() ? -1 : entries.get(entries.size() - 1).epoch();
        List<String> lines = new ArrayList<>(entries.size());
        for (EpochEntry entry : entries) {
            lines.add(entry.epoch() + " " + entry.startOffset());
        }
        CheckpointFile.write(file, lines);
    }

    @Override
    public synchronized String toString() {
        return "LeaderEpochCache" + entries;
    }
}
