package io.samsa.coordinator.transaction;

import io.samsa.coordinator.offsets.TopicPartition;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the coordinator knows of one transactional id: its producer id and epoch, the open
 * transaction's state, partitions and timing. What {@code TransactionLogValue} persists, plus
 * {@code lastProducerEpoch}, which like Kafka's is kept in memory only (it lets a producer retry an
 * InitProducerId whose answer it lost, KIP-360) and is -1 after a reload. Immutable; thread-safe.
 *
 * @param producerId            the producer id in use
 * @param previousProducerId    the id before the last rotation (epoch exhaustion), or -1
 * @param nextProducerId        the id a rotation is moving to, or -1 (transaction version 2)
 * @param producerEpoch         the current epoch; -1 before the first InitProducerId
 * @param lastProducerEpoch     the epoch before the last bump, in memory only, or -1
 * @param timeoutMs             transaction.timeout.ms the producer asked for
 * @param partitions            the partitions of the open (or completing) transaction
 * @param txnStartTimestampMs   when the open transaction began (its first partition), or -1
 * @param txnLastUpdateTimestampMs when this metadata last changed
 * @param clientTransactionVersion the transaction version the producer uses (0/1 or 2)
 */
public record TransactionMetadata(String transactionalId, long producerId, long previousProducerId, long nextProducerId,
                                  short producerEpoch, short lastProducerEpoch, int timeoutMs, TransactionState state,
                                  Set<TopicPartition> partitions, long txnStartTimestampMs, long txnLastUpdateTimestampMs,
                                  short clientTransactionVersion) {
    /** Kafka's "no producer id" and "no epoch". */
    public static final long NO_PRODUCER_ID = -1;
    public static final short NO_PRODUCER_EPOCH = -1;

    public TransactionMetadata {
        Objects.requireNonNull(transactionalId, "transactionalId");
        Objects.requireNonNull(state, "state");
        partitions = Set.copyOf(partitions);
    }

    /** @return a new transactional id's metadata: no epoch yet, Empty */
    public static TransactionMetadata fresh(String transactionalId, long producerId, int timeoutMs, long nowMs) {
        return new TransactionMetadata(transactionalId, producerId, NO_PRODUCER_ID, NO_PRODUCER_ID, NO_PRODUCER_EPOCH,
                NO_PRODUCER_EPOCH, timeoutMs, TransactionState.EMPTY, Set.of(), -1, nowMs, (short) 0);
    }

    /** @return whether one more bump would reach Short.MAX_VALUE: the next bump takes a new producer id */
    public boolean isEpochExhausted() {
        return producerEpoch >= Short.MAX_VALUE - 1;
    }

    /** @return this metadata moved to {@code target} at {@code nowMs} (partitions and times unchanged) */
    public TransactionMetadata withState(TransactionState target, long nowMs) {
        if (!target.validPrevious().contains(state)) {
            throw new IllegalStateException(transactionalId + ": no transition from " + state + " to " + target);
        }
        return new TransactionMetadata(transactionalId, producerId, previousProducerId, nextProducerId, producerEpoch,
                lastProducerEpoch, timeoutMs, target, partitions, txnStartTimestampMs, nowMs, clientTransactionVersion);
    }

    /** @return this metadata with producer id and epoch set, remembering the epoch it replaces */
    public TransactionMetadata withProducer(long id, long previousId, short epoch, short lastEpoch) {
        return new TransactionMetadata(transactionalId, id, previousId, NO_PRODUCER_ID, epoch, lastEpoch, timeoutMs, state,
                partitions, txnStartTimestampMs, txnLastUpdateTimestampMs, clientTransactionVersion);
    }

    /** @return this metadata with its epoch bumped by one (fencing the producer that holds the old one) */
    public TransactionMetadata withBumpedEpoch() {
        return withProducer(producerId, previousProducerId, (short) (producerEpoch + 1), producerEpoch);
    }

    public TransactionMetadata withTimeoutMs(int value) {
        return new TransactionMetadata(transactionalId, producerId, previousProducerId, nextProducerId, producerEpoch,
                lastProducerEpoch, value, state, partitions, txnStartTimestampMs, txnLastUpdateTimestampMs, clientTransactionVersion);
    }

    /** @return this metadata with {@code added} joined to its partitions and the given start time */
    public TransactionMetadata withPartitions(Set<TopicPartition> added, long startMs) {
        Set<TopicPartition> all = new LinkedHashSet<>(partitions);
        all.addAll(added);
        return new TransactionMetadata(transactionalId, producerId, previousProducerId, nextProducerId, producerEpoch,
                lastProducerEpoch, timeoutMs, state, all, startMs, txnLastUpdateTimestampMs, clientTransactionVersion);
    }

    /** @return this metadata with no partitions and no open transaction (after the markers are written) */
    public TransactionMetadata withoutPartitions() {
        return new TransactionMetadata(transactionalId, producerId, previousProducerId, nextProducerId, producerEpoch,
                lastProducerEpoch, timeoutMs, state, Set.of(), txnStartTimestampMs, txnLastUpdateTimestampMs,
                clientTransactionVersion);
    }
}
