package io.samsa.broker.data.fetch;

import io.samsa.storage.TopicPartition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One incremental fetch session (KIP-227): the partitions a client fetches, with the fetch offset
 * and byte limit it last sent for each and the high watermark, last stable offset and log start
 * offset it was last told, so an incremental response can leave out partitions with nothing new.
 *
 * <p>Thread-safe by its monitor.
 */
final class FetchSession {
    private final int id;
    /** The epoch the next incremental request must carry. */
    private int nextEpoch = 1;
    private final Map<TopicPartition, Cached> partitions = new LinkedHashMap<>();

    /** What the session remembers of one partition; -1 offsets mean "never answered". */
    static final class Cached {
        long fetchOffset;
        int maxBytes;
        long highWatermark = -1;
        long lastStableOffset = -1;
        long logStartOffset = -1;

        Cached(long fetchOffset, int maxBytes) {
            this.fetchOffset = fetchOffset;
            this.maxBytes = maxBytes;
        }
    }

    FetchSession(int id) {
        this.id = id;
    }

    int id() {
        return id;
    }

    /** @return whether {@code epoch} is the one expected next; if so, the following one is expected after it */
    synchronized boolean advanceEpoch(int epoch) {
        if (epoch != nextEpoch) {
            return false;
        }
        nextEpoch = epoch == Integer.MAX_VALUE ? 1 : epoch + 1;
        return true;
    }

    /** Adds a partition or updates its fetch offset and limit. */
    synchronized void upsert(TopicPartition partition, long fetchOffset, int maxBytes) {
        Cached cached = partitions.get(partition);
        if (cached == null) {
            partitions.put(partition, new Cached(fetchOffset, maxBytes));
        } else {
            cached.fetchOffset = fetchOffset;
            cached.maxBytes = maxBytes;
        }
    }

    synchronized void forget(TopicPartition partition) {
        partitions.remove(partition);
    }

    /** @return a copy of the partitions with their fetch state, in the order they were added */
    synchronized Map<TopicPartition, Cached> snapshot() {
        Map<TopicPartition, Cached> copy = new LinkedHashMap<>();
        partitions.forEach((partition, cached) -> {
            Cached c = new Cached(cached.fetchOffset, cached.maxBytes);
            c.highWatermark = cached.highWatermark;
            c.lastStableOffset = cached.lastStableOffset;
            c.logStartOffset = cached.logStartOffset;
            copy.put(partition, c);
        });
        return copy;
    }

    /**
     * Records what a response told the client about a partition.
     *
     * @return whether that differs from what the client was told before (so it must be sent)
     */
    synchronized boolean update(TopicPartition partition, long highWatermark, long lastStableOffset, long logStartOffset) {
        Cached cached = partitions.get(partition);
        if (cached == null) {
            return false;
        }
        boolean changed = cached.highWatermark != highWatermark || cached.lastStableOffset != lastStableOffset
                || cached.logStartOffset != logStartOffset;
        cached.highWatermark = highWatermark;
        cached.lastStableOffset = lastStableOffset;
        cached.logStartOffset = logStartOffset;
        return changed;
    }
}
