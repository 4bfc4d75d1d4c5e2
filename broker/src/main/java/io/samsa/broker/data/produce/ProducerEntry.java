package io.samsa.broker.data.produce;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One producer id's state in one partition: its current epoch and its last
 * {@link #MAX_REMEMBERED_BATCHES} batches (the most a Java producer has in flight per partition).
 *
 * <p>Not thread-safe: guarded by its {@link PartitionProducerState}.
 */
final class ProducerEntry {
    /** Kafka's window: max.in.flight.requests.per.connection is at most 5 with idempotence. */
    static final int MAX_REMEMBERED_BATCHES = 5;

    private final long producerId;
    private short epoch;
    private final Deque<ProducerBatch> batches = new ArrayDeque<>(MAX_REMEMBERED_BATCHES);

    ProducerEntry(long producerId, short epoch) {
        this.producerId = producerId;
        this.epoch = epoch;
    }

    long producerId() {
        return producerId;
    }

    short epoch() {
        return epoch;
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
            epoch = batchEpoch;
            batches.clear();
        }
        if (batches.size() == MAX_REMEMBERED_BATCHES) {
            batches.removeFirst();
        }
        batches.addLast(batch);
    }
}
