package io.samsa.broker.data.produce;

import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.message.ProduceRequest.PartitionProduceData;
import io.samsa.protocol.message.ProduceRequest.TopicProduceData;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.storage.TopicPartition;
import java.nio.ByteBuffer;

/**
 * Decides whether a Produce request may carry transactional batches, before any partition is
 * validated or appended. Kafka 4.1 (KafkaApis.handleProduceRequest) answers
 * TRANSACTIONAL_ID_AUTHORIZATION_FAILED for every partition of a request that has transactional
 * records (the transactional attribute bit of a partition's first batch) and no transactional id,
 * or one the principal may not write, and appends nothing.
 *
 * <p>A request with transactional records is admitted only when it has a transactional id and the
 * {@link TransactionVerifier} says the producer's transaction is open for every partition with
 * transactional records. Without a transaction coordinator ({@link TransactionVerifier#NONE}) no
 * transaction is ever open, so every such request is refused, with or without a transactional id.
 *
 * <p>Thread-safe when the verifier is.
 */
final class TransactionalProduceGate {
    /** Bytes up to and including the producer id and epoch. */
    private static final int BYTES_TO_SEQUENCE = RecordBatch.BASE_SEQUENCE_OFFSET;

    private final TransactionVerifier verifier;

    TransactionalProduceGate(TransactionVerifier verifier) {
        this.verifier = verifier;
    }

    /** @return whether the request may be handled; false means refuse it whole, append nothing */
    boolean admits(ProduceRequest request) {
        for (TopicProduceData topic : request.topicData()) {
            for (PartitionProduceData partition : topic.partitionData()) {
                if (partition.records() instanceof MemoryRecords records && isTransactional(records.buffer())
                        && (request.transactionalId() == null || request.transactionalId().isEmpty()
                        || !verified(request.transactionalId(), topic.name(), partition.index(), records.buffer()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean verified(String transactionalId, String topic, int partition, ByteBuffer buffer) {
        if (topic == null || partition < 0 || buffer.remaining() < BYTES_TO_SEQUENCE) {
            return false;
        }
        int start = buffer.position();
        long producerId = buffer.getLong(start + RecordBatch.PRODUCER_ID_OFFSET);
        short epoch = buffer.getShort(start + RecordBatch.PRODUCER_EPOCH_OFFSET);
        return verifier.isOpen(transactionalId, producerId, epoch, new TopicPartition(topic, partition));
    }

    /** A magic-2 batch header, long enough to hold the producer fields, with the transactional bit. */
    private static boolean isTransactional(ByteBuffer buffer) {
        int start = buffer.position();
        if (buffer.remaining() < RecordBatch.ATTRIBUTES_OFFSET + 2
                || buffer.get(start + RecordBatch.MAGIC_OFFSET) != RecordBatch.MAGIC_V2) {
            return false;
        }
        return (buffer.getShort(start + RecordBatch.ATTRIBUTES_OFFSET) & RecordBatch.TRANSACTIONAL_MASK) != 0;
    }
}
