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

    /** @return whether the request may be handled; false means refuse it whole, append nothing */
    boolean admits(ProduceRequest request) {
        return !hasTransactionalRecords(request);
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
