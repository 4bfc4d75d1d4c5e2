package io.samsa.client.producer.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.protocol.record.RecordBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The idempotent producer's bookkeeping: the producer id and epoch from InitProducerId (set by the
 * {@link TransactionManager} for a transactional producer), the next sequence of each partition,
 * and each partition's unresolved batches (stamped with a sequence, not yet completed) in sequence
 * order.
 *
 * <p>Ordering rules, as Kafka's idempotent producer keeps them:
 * <ul>
 *   <li>a new batch takes the partition's next sequence when it is drained, and at most
 *       {@link #MAX_UNRESOLVED_PER_PARTITION} batches of a partition are in its window: the lowest
 *       unresolved batch and every batch stamped after it, resolved or not. The broker remembers
 *       only a producer's last five batches per partition, so a batch whose answer was lost (a
 *       dropped connection) must be retried before five later ones are appended; otherwise the
 *       broker no longer recognises the retry as a duplicate and answers
 *       OUT_OF_ORDER_SEQUENCE_NUMBER. Counting only unresolved batches let later batches complete
 *       and slide past a batch waiting for its retry;</li>
 *   <li>a batch sent before (a retry) goes out again only when it is the partition's lowest
 *       unresolved sequence, so retries reach the broker in their original order;</li>
 *   <li>until the broker has acknowledged one batch of a partition from this producer id, only one
 *       batch of it is in flight: a broker that does not know the producer accepts any first
 *       sequence, so a later batch overtaking a lost first one (sent on a new connection while the
 *       old one's failure is still being handled) would be taken as the start. Once the broker
 *       knows the producer, such a gap is answered OUT_OF_ORDER_SEQUENCE_NUMBER on the later batch,
 *       which is simply retried after the earlier ones;</li>
 *   <li>when the broker lost or rejected the producer's sequence state (OUT_OF_ORDER_SEQUENCE_NUMBER
 *       on the first unresolved batch, UNKNOWN_PRODUCER_ID, or a sequenced batch failing for good),
 *       the epoch is bumped with InitProducerId once nothing is in flight, and every partition's
 *       sequences restart at 0; queued batches are then stamped afresh.</li>
 * </ul>
 *
 * <p>Not thread-safe: the sender thread owns it.
 */
public final class IdempotenceState {
    /** The broker remembers this many batches per producer and partition for duplicate detection. */
    public static final int MAX_UNRESOLVED_PER_PARTITION = 5;

    private static final Comparator<ProducerBatch> BY_SEQUENCE = Comparator.comparingInt(ProducerBatch::baseSequence);

    private final boolean transactional;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private boolean bumpNeeded;
    private final Map<TopicPartition, Integer> nextSequence = new HashMap<>();
    private final Map<TopicPartition, TreeSet<ProducerBatch>> unresolved = new HashMap<>();
    /** Per partition, batches from the lowest unresolved one on, in sequence order (resolved ones included). */
    private final Map<TopicPartition, ArrayDeque<ProducerBatch>> windows = new HashMap<>();
    /** Partitions where the broker acknowledged a batch of the current producer id. */
    private final Set<TopicPartition> acknowledged = new HashSet<>();

    /** A non-transactional idempotent producer's state. */
    public IdempotenceState() {
        this(false);
    }

    /** @param transactional whether stamped batches carry the transactional attribute (transactional.id is set) */
    public IdempotenceState(boolean transactional) {
        this.transactional = transactional;
    }

    public boolean hasProducerId() {
        return producerId != RecordBatch.NO_PRODUCER_ID && !bumpNeeded;
    }

    public long producerId() {
        return producerId;
    }

    public short producerEpoch() {
        return producerEpoch;
    }

    /** Whether InitProducerId must be sent: no id yet, or an epoch bump is pending. */
    public boolean needsProducerId() {
        return producerId == RecordBatch.NO_PRODUCER_ID || bumpNeeded;
    }

    /** Asks for an epoch bump (sequence state is no longer trusted). */
    public void requestEpochBump() {
        bumpNeeded = true;
    }

    /**
     * Takes a new id/epoch from InitProducerId and restarts every sequence at 0. Unresolved batches
     * lose their sequence, so they are stamped again when drained.
     */
    public void setProducerIdAndEpoch(long id, short epoch) {
        if (id != producerId) {
            acknowledged.clear();
        }
        producerId = id;
        producerEpoch = epoch;
        bumpNeeded = false;
        nextSequence.clear();
        for (TreeSet<ProducerBatch> batches : unresolved.values()) {
            for (ProducerBatch batch : batches) {
                batch.resetSequence();
            }
        }
        unresolved.clear();
        windows.clear();
    }

    /** Whether {@code batch}, the partition's first queued batch, may be drained now. */
    public boolean canDrain(ProducerBatch batch) {
        if (!hasProducerId()) {
            return false;
        }
        TreeSet<ProducerBatch> pending = unresolved.get(batch.topicPartition());
        if (!batch.hasSequence() || batch.producerEpoch() != producerEpoch) {
            int limit = acknowledged.contains(batch.topicPartition()) ? MAX_UNRESOLVED_PER_PARTITION : 1;
            ArrayDeque<ProducerBatch> window = windows.get(batch.topicPartition());
            return window == null || window.size() < limit;
        }
        return pending == null || pending.isEmpty() || pending.first() == batch;
    }

    /** Stamps the batch with the producer id, epoch and (for a new batch) the partition's next sequence. */
    public void stamp(ProducerBatch batch) {
        if (batch.hasSequence() && batch.producerEpoch() == producerEpoch) {
            return;
        }
        TopicPartition partition = batch.topicPartition();
        int sequence = nextSequence.getOrDefault(partition, 0);
        nextSequence.put(partition, incrementSequence(sequence, batch.recordCount()));
        batch.setProducerState(producerId, producerEpoch, sequence, transactional);
        unresolved.computeIfAbsent(partition, p -> new TreeSet<>(BY_SEQUENCE)).add(batch);
        windows.computeIfAbsent(partition, p -> new ArrayDeque<>()).addLast(batch);
    }

    /** Sequences wrap at Integer.MAX_VALUE to 0, as the broker expects. */
    static int incrementSequence(int sequence, int increment) {
        return sequence > Integer.MAX_VALUE - increment ? increment - (Integer.MAX_VALUE - sequence) - 1 : sequence + increment;
    }

    /** Whether the batch is its partition's lowest unresolved one (an OUT_OF_ORDER error on it is real). */
    public boolean isFirstUnresolved(ProducerBatch batch) {
        TreeSet<ProducerBatch> pending = unresolved.get(batch.topicPartition());
        return pending != null && !pending.isEmpty() && pending.first() == batch && batch.producerEpoch() == producerEpoch;
    }

    /** Forgets a completed batch. A sequenced batch that failed leaves a gap, which needs an epoch bump. */
    public void onCompleted(ProducerBatch batch, boolean success) {
        TreeSet<ProducerBatch> pending = unresolved.get(batch.topicPartition());
        boolean removed = pending != null && batch.hasSequence() && pending.remove(batch);
        if (pending != null && pending.isEmpty()) {
            unresolved.remove(batch.topicPartition());
        }
        slideWindow(batch.topicPartition(), pending == null || pending.isEmpty() ? null : pending.first());
        if (success && batch.producerId() == producerId) {
            acknowledged.add(batch.topicPartition());
        }
        if (!success && removed && batch.producerEpoch() == producerEpoch) {
            requestEpochBump();
        }
    }

    /** Drops the window's resolved head, up to the lowest unresolved batch (null: all resolved). */
    private void slideWindow(TopicPartition partition, ProducerBatch lowestUnresolved) {
        ArrayDeque<ProducerBatch> window = windows.get(partition);
        if (window == null) {
            return;
        }
        while (!window.isEmpty() && window.peekFirst() != lowestUnresolved) {
            window.pollFirst();
        }
        if (window.isEmpty()) {
            windows.remove(partition);
        }
    }

    /** Unresolved batches of every partition (for tests and diagnostics). */
    public List<ProducerBatch> unresolvedBatches() {
        List<ProducerBatch> all = new ArrayList<>();
        unresolved.values().forEach(all::addAll);
        return all;
    }
}
