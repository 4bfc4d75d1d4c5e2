package io.samsa.storage;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One producer id's state in one partition: its current epoch, its last
 * {@link #MAX_REMEMBERED_BATCHES} batches (the most a Java producer has in flight per partition),
 * the epoch of the transaction coordinator that last wrote a marker for it, and the first offset of
 * its ongoing transaction.
 *
 * <p>Not thread-safe: guarded by its {@link ProducerStateManager}.
 */
final class ProducerStateEntry {
    /** Kafka's window: max.in.flight.requests.per.connection is at most 5 with idempotence. */
    static final int MAX_REMEMBERED_BATCHES = 5;
    static final long NO_TXN = -1;

    private final long producerId;
    private short epoch;
    private final Deque<ProducerBatch> batches = new ArrayDeque<>(MAX_REMEMBERED_BATCHES);
    private int coordinatorEpoch = -1;
    private long currentTxnFirstOffset = NO_TXN;
    private long lastTimestampMs = -1;

    ProducerStateEntry(long producerId, short epoch) {
        this.producerId = producerId;
        this.epoch = epoch;
    }

    long producerId() {
        return producerId;
    }

    short epoch() {
        return epoch;
    }

    int coordinatorEpoch() {
        return coordinatorEpoch;
    }

    /** @return the first offset of the ongoing transaction, or {@link #NO_TXN} */
    long currentTxnFirstOffset() {
        return currentTxnFirstOffset;
    }

    boolean inTransaction() {
        return currentTxnFirstOffset != NO_TXN;
    }

    /** The latest batch or marker timestamp: producer.id.expiration.ms counts from it. */
    long lastTimestampMs() {
        return lastTimestampMs;
    }

    /** @return the last sequence appended in the current epoch, or -1 when none */
    int lastSequence() {
        return batches.isEmpty() ? -1 : batches.peekLast().lastSequence();
    }

    /** @return the last batch, or null */
    ProducerBatch lastBatch() {
        return batches.peekLast();
    }

    /** @return the remembered batch with exactly this sequence range, or null */
    ProducerBatch find(int firstSequence, int lastSequence) {
        for (ProducerBatch batch : batches) {
            if (batch.firstSequence() == firstSequence && batch.lastSequence() == lastSequence) {
                return batch;
            }
        }
        return null;
    }

    /** Records an appended batch; a new epoch forgets the old epoch's batches. */
    void add(short batchEpoch, ProducerBatch batch) {
        if (batchEpoch != epoch) {
            bumpEpoch(batchEpoch);
        }
        if (batches.size() == MAX_REMEMBERED_BATCHES) {
            batches.removeFirst();
        }
        batches.addLast(batch);
        touch(batch.timestampMs());
    }

    /** A newer epoch (a marker of a bumped epoch, or its first batch): the old epoch's batches are forgotten. */
    void bumpEpoch(short newEpoch) {
        epoch = newEpoch;
        batches.clear();
    }

    void beginTransaction(long firstOffset) {
        currentTxnFirstOffset = firstOffset;
    }

    /** A marker ended the transaction; the coordinator that wrote it is now the one to beat. */
    void endTransaction(int markerCoordinatorEpoch) {
        currentTxnFirstOffset = NO_TXN;
        coordinatorEpoch = markerCoordinatorEpoch;
    }

    void touch(long timestampMs) {
        lastTimestampMs = Math.max(lastTimestampMs, timestampMs);
    }

    /** Restores the state a snapshot recorded. */
    void restore(int snapshotCoordinatorEpoch, long txnFirstOffset, long timestampMs) {
        coordinatorEpoch = snapshotCoordinatorEpoch;
        currentTxnFirstOffset = txnFirstOffset;
        lastTimestampMs = timestampMs;
    }
}
