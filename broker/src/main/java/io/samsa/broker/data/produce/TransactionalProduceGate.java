package io.samsa.broker.data.produce;

import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.message.ProduceRequest.PartitionProduceData;
import io.samsa.protocol.message.ProduceRequest.TopicProduceData;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import java.nio.ByteBuffer;

/**
 * Decides whether a Produce request may carry transactional batches, before any partition is
 * validated or appended. Kafka 4.1 (KafkaApis.handleProduceRequest) answers
 * TRANSACTIONAL_ID_AUTHORIZATION_FAILED for every partition of a request that has transactional
 * records (the transactional attribute bit of a partition's first batch) and no transactional id,
 * or one the principal may not write, and appends nothing.
 *
 * <p>Samsa has no transaction coordinator yet (InitProducerId with a transactional id is refused),
 * so no producer id can be in a transaction: every request with transactional records is refused,
 * with or without a transactional id. The transactions issue replaces {@link #admits} with the
 * coordinator's view (transactional id known, producer id and epoch its own, partition added to
 * the ongoing transaction); this is the one place that decides.
 *
 * <p>Stateless and thread-safe.
 */
final class TransactionalProduceGate {
    private static final int BYTES_TO_ATTRIBUTES = RecordBatch.ATTRIBUTES_OFFSET + 2;

    private final boolean admitNamedTransactions;

    /** A gate for a broker without a transaction coordinator: every transactional request is refused. */
    TransactionalProduceGate() {
        this(false);
    }

    /**
     * @param admitNamedTransactions whether a transaction coordinator runs, so a request naming a
     *                               transactional id may carry transactional records (interim rule)
     */
    TransactionalProduceGate(boolean admitNamedTransactions) {
        this.admitNamedTransactions = admitNamedTransactions;
    }

    /**
     * Interim, until the transaction-log work plugs the coordinator's check in: with a transaction
     * coordinator, a request with transactional records is admitted when it names a transactional
     * id (its producer got its id and epoch from the coordinator, which fences stale epochs at
     * AddPartitionsToTxn and EndTxn).
     *
     * @return whether the request may be handled; false means refuse it whole, append nothing
     */
    boolean admits(ProduceRequest request) {
        String transactionalId = request.transactionalId();
        boolean named = transactionalId != null && !transactionalId.isEmpty();
        return (admitNamedTransactions && named) || !hasTransactionalRecords(request);
    }

    /** Kafka's test: some partition's first batch is a magic-2 batch with the transactional bit set. */
    static boolean hasTransactionalRecords(ProduceRequest request) {
        for (TopicProduceData topic : request.topicData()) {
            for (PartitionProduceData partition : topic.partitionData()) {
                if (partition.records() instanceof MemoryRecords records && isTransactional(records.buffer())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isTransactional(ByteBuffer buffer) {
        int start = buffer.position();
        if (buffer.remaining() < BYTES_TO_ATTRIBUTES || buffer.get(start + RecordBatch.MAGIC_OFFSET) != RecordBatch.MAGIC_V2) {
            return false;
        }
        return (buffer.getShort(start + RecordBatch.ATTRIBUTES_OFFSET) & RecordBatch.TRANSACTIONAL_MASK) != 0;
    }
}
