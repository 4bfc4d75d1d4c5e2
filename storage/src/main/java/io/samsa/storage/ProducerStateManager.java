package io.samsa.storage;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.EndTransactionMarker;
import io.samsa.protocol.record.Record;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The producers of one partition as its log knows them: for each producer id its epoch, its last
 * five batches (idempotent retries and sequence checks, Kafka 4.x's rules below), the coordinator
 * epoch of its last transaction marker and the first offset of its ongoing transaction; and from
 * those the partition's first unstable offset, which bounds the last stable offset (LSO).
 *
 * <p>The log updates this state for every batch it appends, as leader or follower, and for every
 * batch it replays at start-up (from the last {@link ProducerStateSnapshot}), so it always
 * describes exactly the log below {@link #mapEndOffset}.
 *
 * <p>Sequence rules ({@link #check}), for a data batch with a producer id:
 * <ul>
 *   <li>a batch whose sequence range equals one of the producer's last five batches (same epoch)
 *       is a retry: it is not appended again and gets its original offsets (error NONE);</li>
 *   <li>an epoch older than the producer's: INVALID_PRODUCER_EPOCH;</li>
 *   <li>a newer epoch must start at sequence 0, else OUT_OF_ORDER_SEQUENCE_NUMBER;</li>
 *   <li>the same epoch must continue at last sequence + 1 (0 after Integer.MAX_VALUE), else
 *       OUT_OF_ORDER_SEQUENCE_NUMBER;</li>
 *   <li>a non-transactional batch while the producer has a transaction open: INVALID_TXN_STATE;</li>
 *   <li>a producer this partition has no state for (new, or its batches were removed by retention)
 *       is accepted at any sequence.</li>
 * </ul>
 * A transaction marker ({@link #checkMarker}) from an epoch older than the producer's is refused
 * with INVALID_PRODUCER_EPOCH, and one from a coordinator epoch older than the last marker's with
 * TRANSACTION_COORDINATOR_FENCED (Kafka's ProducerAppendInfo checks for markers).
 *
 * <p>A transaction stays unstable after its marker until the high watermark passes the marker
 * ({@link #lastStableOffset}), so a consumer never reads a transaction's records as stable before
 * the marker that decides them is replicated.
 *
 * <p><b>Thread-safety.</b> Every method takes a private lock, a leaf lock (nothing is called while
 * holding it), so it may be used under the log's lock. The object's own monitor is left to callers:
 * the produce path holds it across {@link #check} and the log append, making the check and the
 * append one step per partition.
 */
public final class ProducerStateManager {
    private final Object lock = new Object();
    private final Map<Long, ProducerStateEntry> producers = new HashMap<>();
    /** Ongoing transactions: first offset to producer id. */
    private final TreeMap<Long, Long> ongoing = new TreeMap<>();
    /** Completed transactions whose marker may still be at or above the high watermark, in marker order. */
    private final ArrayDeque<CompletedTxn> unreplicated = new ArrayDeque<>();
    /** The log start offset producers were last pruned at. */
    private long prunedAt;
    /** The end of the last producer batch applied, or the offset the state was loaded to. */
    private long mapEndOffset;

    /**
     * A producer as DescribeProducers shows it.
     *
     * @param lastSequence          its last sequence, -1 when it wrote only markers
     * @param lastTimestampMs       its latest batch or marker timestamp
     * @param coordinatorEpoch      the coordinator epoch of its last marker, or -1
     * @param currentTxnStartOffset the first offset of its open transaction, or -1
     */
    public record ActiveProducer(long producerId, short epoch, int lastSequence, long lastTimestampMs, int coordinatorEpoch,
                                 long currentTxnStartOffset) {
    }

    /** @return the end of the last producer batch applied, or the offset the state was loaded to */
    public long mapEndOffset() {
        synchronized (lock) {
            return mapEndOffset;
        }
    }

    /** @return what to do with {@code batch}, a data batch with a producer id, before it is appended */
    public SequenceCheck check(RecordBatch batch) {
        synchronized (lock) {
            ProducerStateEntry entry = producers.get(batch.producerId());
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
            if (!batch.isTransactional() && entry.inTransaction()) {
                return SequenceCheck.error(ErrorCode.INVALID_TXN_STATE, "Expected transactional write from producer "
                        + batch.producerId() + " at offset " + entry.currentTxnFirstOffset() + " in the open transaction");
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
    }

    /**
     * Checks a transaction marker batch before it is appended.
     *
     * @throws ProducerStateException INVALID_PRODUCER_EPOCH or TRANSACTION_COORDINATOR_FENCED
     * @throws io.samsa.protocol.record.CorruptRecordException when the batch holds no marker
     */
    void checkMarker(RecordBatch batch) {
        EndTransactionMarker marker = markerOf(batch);
        synchronized (lock) {
            ProducerStateEntry entry = producers.get(batch.producerId());
            if (entry == null || marker == null) {
                return;
            }
            if (batch.producerEpoch() < entry.epoch()) {
                throw new ProducerStateException(ErrorCode.INVALID_PRODUCER_EPOCH, "marker of producer " + batch.producerId()
                        + " has epoch " + batch.producerEpoch() + ", older than " + entry.epoch());
            }
            if (marker.coordinatorEpoch() < entry.coordinatorEpoch()) {
                throw new ProducerStateException(ErrorCode.TRANSACTION_COORDINATOR_FENCED, "marker of producer "
                        + batch.producerId() + " from coordinator epoch " + marker.coordinatorEpoch()
                        + ", older than " + entry.coordinatorEpoch());
            }
        }
    }

    /**
     * Applies an appended batch (its offsets final). A data batch is remembered and, when
     * transactional, opens its producer's transaction if none is open; a COMMIT or ABORT marker
     * ends it.
     *
     * @return the transaction a marker ended, or null
     */
    CompletedTxn update(RecordBatch batch) {
        if (!batch.hasProducerId()) {
            return null;
        }
        EndTransactionMarker marker = batch.isControlBatch() ? markerOf(batch) : null;
        synchronized (lock) {
            mapEndOffset = Math.max(mapEndOffset, batch.nextOffset());
            long producerId = batch.producerId();
            short epoch = batch.producerEpoch();
            ProducerStateEntry entry = producers.computeIfAbsent(producerId, id -> new ProducerStateEntry(id, epoch));
            if (marker != null) {
                return endTransaction(entry, batch, marker);
            }
            if (batch.isControlBatch()) {
                return null;
            }
            if (epoch >= entry.epoch()) {
                entry.add(epoch, new ProducerBatch(batch.baseSequence(), batch.lastSequence(), batch.baseOffset(),
                        batch.lastOffset(), batch.maxTimestamp()));
            }
            if (batch.isTransactional() && !entry.inTransaction()) {
                entry.beginTransaction(batch.baseOffset());
                ongoing.put(batch.baseOffset(), producerId);
            }
            return null;
        }
    }

    private CompletedTxn endTransaction(ProducerStateEntry entry, RecordBatch batch, EndTransactionMarker marker) {
        if (batch.producerEpoch() > entry.epoch()) {
            entry.bumpEpoch(batch.producerEpoch());
        }
        entry.touch(batch.maxTimestamp());
        long firstOffset = entry.inTransaction() ? entry.currentTxnFirstOffset() : batch.baseOffset();
        if (entry.inTransaction()) {
            ongoing.remove(entry.currentTxnFirstOffset());
        }
        entry.endTransaction(marker.coordinatorEpoch());
        CompletedTxn completed = new CompletedTxn(entry.producerId(), firstOffset, batch.baseOffset(),
                marker.type() == ControlRecordType.ABORT);
        unreplicated.addLast(completed);
        return completed;
    }

    /** The last stable offset to record with an aborted transaction just applied: the first open transaction's offset, or past the marker. */
    long lastStableOffsetAfter(CompletedTxn completed) {
        synchronized (lock) {
            return ongoing.isEmpty() ? completed.lastOffset() + 1 : Math.min(ongoing.firstKey(), completed.lastOffset() + 1);
        }
    }

    /**
     * The last stable offset: the high watermark, or the first offset of a transaction that is
     * open or whose marker is not yet below the high watermark, whichever is lower.
     *
     * <p>Callers read the high watermark first: every append applies its batches here before it
     * publishes the log end offset, so a high watermark read first never runs ahead of this state.
     *
     * @param highWatermark the partition's high watermark (the log end offset on a single node)
     */
    public long lastStableOffset(long highWatermark) {
        synchronized (lock) {
            while (!unreplicated.isEmpty() && unreplicated.peekFirst().lastOffset() < highWatermark) {
                unreplicated.removeFirst();
            }
            long stable = highWatermark;
            if (!ongoing.isEmpty()) {
                stable = Math.min(stable, ongoing.firstKey());
            }
            for (CompletedTxn completed : unreplicated) {
                stable = Math.min(stable, completed.firstOffset());
            }
            return stable;
        }
    }

    /** @return the first offset of the earliest open transaction, or -1 when none is open */
    public long firstOngoingOffset() {
        synchronized (lock) {
            return ongoing.isEmpty() ? -1 : ongoing.firstKey();
        }
    }

    /**
     * Forgets producers whose last batch is below the log start offset (retention, DeleteRecords
     * removed it), as Kafka does; such a producer is then unknown and may continue at any sequence.
     * Producers with an open transaction are kept. Cheap when the start offset has not moved.
     */
    public void pruneBelow(long logStartOffset) {
        synchronized (lock) {
            if (logStartOffset > prunedAt) {
                prunedAt = logStartOffset;
                producers.values().removeIf(entry -> !entry.inTransaction()
                        && (entry.lastBatch() == null || entry.lastBatch().lastOffset() < logStartOffset));
            }
        }
    }

    /**
     * Forgets producers without an open transaction whose latest timestamp is {@code expirationMs}
     * or more before {@code nowMs} (Kafka's {@code producer.id.expiration.ms}).
     *
     * @return how many producers were forgotten
     */
    public int expire(long nowMs, long expirationMs) {
        synchronized (lock) {
            int before = producers.size();
            producers.values().removeIf(entry -> !entry.inTransaction() && nowMs - entry.lastTimestampMs() >= expirationMs);
            return before - producers.size();
        }
    }

    /** @return every producer this partition knows */
    public List<ActiveProducer> activeProducers() {
        synchronized (lock) {
            List<ActiveProducer> out = new ArrayList<>(producers.size());
            for (ProducerStateEntry entry : producers.values()) {
                out.add(new ActiveProducer(entry.producerId(), entry.epoch(), entry.lastSequence(), entry.lastTimestampMs(),
                        entry.coordinatorEpoch(), entry.currentTxnFirstOffset()));
            }
            return out;
        }
    }

    /** @return how many producers this partition knows */
    public int producerCount() {
        synchronized (lock) {
            return producers.size();
        }
    }

    // ---- snapshots ----

    /** @return the state as snapshot entries (each producer's last batch only, as Kafka keeps) */
    List<ProducerStateSnapshot.Entry> snapshotEntries() {
        synchronized (lock) {
            List<ProducerStateSnapshot.Entry> out = new ArrayList<>(producers.size());
            for (ProducerStateEntry entry : producers.values()) {
                ProducerBatch last = entry.lastBatch();
                out.add(new ProducerStateSnapshot.Entry(entry.producerId(), entry.epoch(),
                        last == null ? -1 : last.lastSequence(), last == null ? -1 : last.lastOffset(),
                        last == null ? 0 : (int) (last.lastOffset() - last.firstOffset()), entry.lastTimestampMs(),
                        entry.coordinatorEpoch(), entry.currentTxnFirstOffset()));
            }
            return out;
        }
    }

    /** Replaces the whole state by a snapshot's, taken at {@code offset}. */
    void restore(List<ProducerStateSnapshot.Entry> entries, long offset) {
        synchronized (lock) {
            clearLocked();
            for (ProducerStateSnapshot.Entry e : entries) {
                ProducerStateEntry entry = new ProducerStateEntry(e.producerId(), e.epoch());
                if (e.lastOffset() >= 0) {
                    int firstSequence = e.lastSequence() < 0 ? -1 : wrapSequence((long) e.lastSequence() - e.offsetDelta());
                    entry.add(e.epoch(), new ProducerBatch(firstSequence, e.lastSequence(), e.lastOffset() - e.offsetDelta(),
                            e.lastOffset(), e.timestampMs()));
                }
                entry.restore(e.coordinatorEpoch(), e.currentTxnFirstOffset(), e.timestampMs());
                if (entry.inTransaction()) {
                    ongoing.put(entry.currentTxnFirstOffset(), entry.producerId());
                }
                producers.put(entry.producerId(), entry);
            }
            mapEndOffset = offset;
        }
    }

    /** Forgets everything; the state then describes an empty log ending at {@code offset}. */
    void reset(long offset) {
        reset(offset, true);
    }

    /** Sets the applied end offset, forgetting every producer when {@code clear}. */
    void reset(long offset, boolean clear) {
        synchronized (lock) {
            if (clear) {
                clearLocked();
            }
            mapEndOffset = offset;
        }
    }

    private void clearLocked() {
        producers.clear();
        ongoing.clear();
        unreplicated.clear();
        prunedAt = 0;
    }

    /** The sequence {@code value} stands for, sequences wrapping from Integer.MAX_VALUE to 0. */
    private static int wrapSequence(long value) {
        return (int) (value < 0 ? value + Integer.MAX_VALUE + 1 : value);
    }

    /** The marker of a control batch, or null for a control batch of another type. */
    private static EndTransactionMarker markerOf(RecordBatch batch) {
        try (RecordIterator records = batch.records()) {
            if (!records.hasNext()) {
                return null;
            }
            Record record = records.next();
            return ControlRecordType.of(record).isTransactionMarker() ? EndTransactionMarker.read(record) : null;
        }
    }
}
