package io.samsa.storage;

import io.samsa.protocol.record.RecordBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The aborted transactions of a log by producer id, for compaction: a transactional data batch is
 * aborted when a transaction of its producer that was aborted spans its base offset. Such batches
 * are removed by the cleaner, and their keys do not count as a key's latest record.
 *
 * <p>Immutable after construction; built per compaction pass.
 */
final class AbortedRanges {
    private final Map<Long, List<AbortedTxn>> byProducer = new HashMap<>();

    AbortedRanges(Iterable<LogSegment> segments) {
        for (LogSegment segment : segments) {
            for (AbortedTxn txn : segment.txnIndex().entries()) {
                byProducer.computeIfAbsent(txn.producerId(), id -> new ArrayList<>()).add(txn);
            }
        }
    }

    boolean isEmpty() {
        return byProducer.isEmpty();
    }

    /** Whether {@code batch} is a transactional data batch of an aborted transaction. */
    boolean contains(RecordBatch batch) {
        if (!batch.isTransactional() || batch.isControlBatch() || !batch.hasProducerId()) {
            return false;
        }
        List<AbortedTxn> txns = byProducer.get(batch.producerId());
        if (txns == null) {
            return false;
        }
        long offset = batch.baseOffset();
        for (AbortedTxn txn : txns) {
            if (txn.firstOffset() <= offset && offset <= txn.lastOffset()) {
                return true;
            }
        }
        return false;
    }
}
