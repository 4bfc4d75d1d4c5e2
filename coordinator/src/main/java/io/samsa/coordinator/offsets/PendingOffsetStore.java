package io.samsa.coordinator.offsets;

import io.samsa.coordinator.records.proto.OffsetCommitValue;
import io.samsa.coordinator.timeline.SnapshotRegistry;
import io.samsa.coordinator.timeline.TimelineHashMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Offsets committed inside transactions (TxnOffsetCommit) of one {@code __consumer_offsets}
 * partition, by producer id, until the transaction's marker arrives: invisible to OffsetFetch,
 * then committed or dropped as a whole ({@link TxnOffsetCompletionHandler}). Changed only by
 * {@link #replay} of TXN_OFFSET_COMMIT records; reverted with the shard's registry.
 *
 * <p>Not thread-safe: owned by the shard's event thread.
 */
public final class PendingOffsetStore {
    private final SnapshotRegistry registry;
    private final TimelineHashMap<Long, TimelineHashMap<PendingOffset, CommittedOffset>> byProducer;

    /** Which group's partition an offset is for. */
    public record PendingOffset(String groupId, TopicPartition partition) {
    }

    public PendingOffsetStore(SnapshotRegistry registry) {
        this.registry = registry;
        this.byProducer = new TimelineHashMap<>(registry);
    }

    /** @param value the record value, or null for a tombstone */
    public void replay(long producerId, String groupId, TopicPartition partition, OffsetCommitValue value) {
        TimelineHashMap<PendingOffset, CommittedOffset> pending = byProducer.get(producerId);
        PendingOffset key = new PendingOffset(groupId, partition);
        if (value == null) {
            if (pending != null) {
                pending.remove(key);
                if (pending.isEmpty()) {
                    byProducer.remove(producerId);
                }
            }
            return;
        }
        if (pending == null) {
            pending = new TimelineHashMap<>(registry);
            byProducer.put(producerId, pending);
        }
        pending.put(key, OffsetCommitRecords.toCommittedOffset(value));
    }

    /** @return the producer's pending offsets (live view; do not hold across events) */
    public Set<Map.Entry<PendingOffset, CommittedOffset>> of(long producerId) {
        TimelineHashMap<PendingOffset, CommittedOffset> pending = byProducer.get(producerId);
        return pending == null ? Collections.emptySet() : pending.entrySet();
    }

    /** @return whether some open transaction holds an offset of {@code groupId}'s {@code partition} */
    public boolean hasPending(String groupId, TopicPartition partition) {
        PendingOffset key = new PendingOffset(groupId, partition);
        for (TimelineHashMap<PendingOffset, CommittedOffset> pending : byProducer.values()) {
            if (pending.containsKey(key)) {
                return true;
            }
        }
        return false;
    }
}
