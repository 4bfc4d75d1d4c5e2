package io.samsa.coordinator.transaction;

import io.samsa.coordinator.timeline.SnapshotRegistry;
import io.samsa.coordinator.timeline.TimelineHashMap;
import java.util.Collection;

/**
 * The transactional ids of one {@code __transaction_state} partition and their metadata, in a
 * timeline map so a failed append is undone by reverting. Changed only by {@link #replay}. Not
 * thread-safe: owned by the partition's event thread.
 */
public final class TransactionStore {
    private final TimelineHashMap<String, TransactionMetadata> transactions;

    public TransactionStore(SnapshotRegistry registry) {
        this.transactions = new TimelineHashMap<>(registry);
    }

    /** Applies one record: the id's new metadata, or its removal for a tombstone. */
    public void replay(TransactionRecord record) {
        if (record.metadata() == null) {
            transactions.remove(record.transactionalId());
        } else {
            transactions.put(record.transactionalId(), record.metadata());
        }
    }

    /** @return the id's metadata, or null when the id is unknown */
    public TransactionMetadata get(String transactionalId) {
        return transactions.get(transactionalId);
    }

    /** @return every id's metadata (a live view; do not hold it across events) */
    public Collection<TransactionMetadata> all() {
        return transactions.values();
    }

    public int size() {
        return transactions.size();
    }
}
