package io.samsa.broker.data.produce;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.RecordBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The idempotent producers of one partition, checked the way Kafka 4.x checks them:
 * <ul>
 *   <li>a batch whose sequence range equals one of the producer's last five batches (same epoch)
 *       is a retry: it is not appended again and gets its original offsets (error NONE);</li>
 *   <li>an epoch older than the producer's: INVALID_PRODUCER_EPOCH;</li>
 *   <li>a newer epoch must start at sequence 0, else OUT_OF_ORDER_SEQUENCE_NUMBER;</li>
 *   <li>the same epoch must continue at last sequence + 1 (0 after Integer.MAX_VALUE), else
 *       OUT_OF_ORDER_SEQUENCE_NUMBER;</li>
 *   <li>a producer this partition has no state for (new, or its batches were removed by retention)
 *       is accepted at any sequence.</li>
 * </ul>
 *
 * <p>Thread-safe by its monitor: callers hold it across {@link #check}, the log append and
 * {@link #record}, so the check and the append are one step per partition.
 */
public final class PartitionProducerState {
    private final Map<Long, ProducerEntry> producers = new HashMap<>();
    /** The log start offset producers were last pruned at. */
    private long prunedAt;

    /** Rebuilds the state from the log's batches (oldest first). */
    synchronized void load(Iterator<RecordBatch> batches) {
        while (batches.hasNext()) {
            RecordBatch batch = batches.next();
            if (batch.hasProducerId() && !batch.isControlBatch() && batch.baseSequence() >= 0) {
                record(batch.producerId(), batch.producerEpoch(), batch.baseSequence(), batch.lastSequence(),
                        batch.baseOffset(), batch.lastOffset(), batch.maxTimestamp());
            }
        }
    }

    /**
     * Forgets producers whose last batch is below the log start offset (retention, DeleteRecords
     * removed it), as Kafka does; such a producer is then unknown and may continue at any sequence.
     * Cheap when the start offset has not moved.
     */
    public synchronized void pruneBelow(long logStartOffset) {
        if (logStartOffset > prunedAt) {
            prunedAt = logStartOffset;
            producers.values().removeIf(entry -> entry.lastBatch() == null || entry.lastBatch().lastOffset() < logStartOffset);
        }
    }

    /**
     * Forgets producers whose last batch's timestamp is {@code expirationMs} or more before
     * {@code nowMs} (Kafka's {@code producer.id.expiration.ms}): an idle producer is then unknown
     * and may continue at any sequence, and its memory is freed.
     *
     * @return how many producers were forgotten
     */
    public synchronized int expire(long nowMs, long expirationMs) {
        int before = producers.size();
        producers.values().removeIf(entry -> entry.lastBatch() == null
                || nowMs - entry.lastBatch().timestampMs() >= expirationMs);
        return before - producers.size();
    }

    /** @return what to do with {@code batch}, which has a producer id */
    public synchronized SequenceCheck check(RecordBatch batch) {
        ProducerEntry entry = producers.get(batch.producerId());
        if (entry == null) {
            return SequenceCheck.APPEND;
        }
        short epoch = batch.producerEpoch();
        int firstSequence = batch.baseSequence();
        if (epoch == entry.epoch()) {
            ProducerBatch duplicate = entry.find(firstSequence, batch.lastSequence());
            if (duplicate != null) {
                return SequenceCheck.duplicateOf(duplicate);
            }
        }
        if (epoch < entry.epoch()) {
            return SequenceCheck.error(ErrorCode.INVALID_PRODUCER_EPOCH,
                    "producer " + batch.producerId() + " epoch " + epoch + " is older than " + entry.epoch());
        }
        if (epoch > entry.epoch()) {
            return firstSequence == 0 ? SequenceCheck.APPEND : SequenceCheck.error(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
                    "new epoch " + epoch + " of producer " + batch.producerId() + " starts at sequence " + firstSequence);
        }
        int last = entry.lastSequence();
        boolean inSequence = last < 0 || firstSequence == last + 1 || (last == Integer.MAX_VALUE && firstSequence == 0);
        return inSequence ? SequenceCheck.APPEND : SequenceCheck.error(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
                "producer " + batch.producerId() + " sent sequence " + firstSequence + " after " + last);
    }

    /** Records an appended batch at offsets {@code firstOffset..lastOffset}. */
    public synchronized void record(RecordBatch batch, long firstOffset, long lastOffset, long timestampMs) {
        record(batch.producerId(), batch.producerEpoch(), batch.baseSequence(), batch.lastSequence(),
                firstOffset, lastOffset, timestampMs);
    }

    private void record(long producerId, short epoch, int firstSequence, int lastSequence,
            long firstOffset, long lastOffset, long timestampMs) {
        ProducerEntry entry = producers.computeIfAbsent(producerId, id -> new ProducerEntry(id, epoch));
        if (epoch >= entry.epoch()) {
            entry.add(epoch, new ProducerBatch(firstSequence, lastSequence, firstOffset, lastOffset, timestampMs));
        }
    }

    /**
     * A producer as DescribeProducers shows it.
     *
     * @param lastBatch its last batch (never null)
     */
    public record ActiveProducer(long producerId, short epoch, ProducerBatch lastBatch) {
    }

    /** @return every producer with a batch in this partition */
    public synchronized List<ActiveProducer> activeProducers() {
        List<ActiveProducer> out = new ArrayList<>();
        for (ProducerEntry entry : producers.values()) {
            if (entry.lastBatch() != null) {
                out.add(new ActiveProducer(entry.producerId(), entry.epoch(), entry.lastBatch()));
            }
        }
        return out;
    }
}
