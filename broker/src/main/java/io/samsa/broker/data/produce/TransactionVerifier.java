package io.samsa.broker.data.produce;

import io.samsa.storage.TopicPartition;

/**
 * Whether a producer may append transactional batches to a partition: the transaction
 * coordinator's answer to "is this producer's transaction open, and this partition part of it?".
 * Produce asks it for every partition of a request that carries transactional records, before
 * anything is validated or appended ({@link TransactionalProduceGate}).
 *
 * <p>{@link #NONE} is the answer without a transaction coordinator: no producer is ever in a
 * transaction, so every transactional produce is refused. The transaction coordinator plugs its
 * own check in (DataModule's constructor parameter); implementations must be thread-safe and must
 * not block (they run on the produce path's I/O thread).
 */
@FunctionalInterface
public interface TransactionVerifier {
    /** No coordinator: no transaction is ever open. */
    TransactionVerifier NONE = (transactionalId, producerId, producerEpoch, partition) -> false;

    /**
     * @param transactionalId the request's transactional id (never null here)
     * @param producerId      the batch's producer id
     * @param producerEpoch   the batch's producer epoch
     * @param partition       the partition the batch goes to
     * @return whether the producer's ongoing transaction includes the partition, at this epoch
     */
    boolean isOpen(String transactionalId, long producerId, short producerEpoch, TopicPartition partition);
}
