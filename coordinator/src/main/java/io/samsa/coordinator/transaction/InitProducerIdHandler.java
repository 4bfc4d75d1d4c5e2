package io.samsa.coordinator.transaction;

import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * InitProducerId with a transactional id, as Kafka's coordinator answers it:
 * <ul>
 * <li>a timeout of 0 or above transaction.max.timeout.ms: INVALID_TRANSACTION_TIMEOUT;</li>
 * <li>an unknown id gets a new producer id at epoch 0;</li>
 * <li>a known id with no open transaction gets its epoch bumped (fencing the incarnation holding
 *     the old one), or a new producer id at epoch 0 once the epoch is exhausted;</li>
 * <li>an open transaction is aborted first: its epoch is bumped and it goes to PrepareAbort, and
 *     the producer is told CONCURRENT_TRANSACTIONS, so it retries once the abort's markers are
 *     written; while markers are being written the answer is CONCURRENT_TRANSACTIONS too;</li>
 * <li>KIP-360: a request naming its current producer id and epoch bumps only if they are the
 *     id's current ones (or repeats the answer when they are the epoch just replaced, a retry);
 *     anything else is PRODUCER_FENCED.</li>
 * </ul>
 * Stateless; runs on the partition's event thread.
 */
public final class InitProducerIdHandler {
    private final LongSupplier producerIds;

    /** @param producerIds hands out producer ids never used before, or -1 while none is at hand */
    public InitProducerIdHandler(LongSupplier producerIds) {
        this.producerIds = producerIds;
    }

    /**
     * @param timeoutMs             the producer's transaction.timeout.ms
     * @param expectedProducerId    the producer's current id (v3+), or -1
     * @param expectedProducerEpoch the producer's current epoch (v3+), or -1
     */
    public CoordinatorResult<InitProducerIdResult> init(TransactionCoordinatorShard shard, String transactionalId, int timeoutMs,
                                                        long expectedProducerId, short expectedProducerEpoch, long nowMs) {
        if (timeoutMs <= 0 || timeoutMs > shard.config().maxTimeoutMs()) {
            return CoordinatorResult.response(InitProducerIdResult.failed(ErrorCode.INVALID_TRANSACTION_TIMEOUT));
        }
        TransactionMetadata current = shard.store().get(transactionalId);
        if (current == null) {
            long producerId = producerIds.getAsLong();
            if (producerId < 0) {
                return CoordinatorResult.response(InitProducerIdResult.failed(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS));
            }
            TransactionMetadata created = TransactionMetadata.fresh(transactionalId, producerId, timeoutMs, nowMs)
                    .withProducer(producerId, TransactionMetadata.NO_PRODUCER_ID, (short) 0, TransactionMetadata.NO_PRODUCER_EPOCH);
            return write(created);
        }
        if (expectedProducerId != TransactionMetadata.NO_PRODUCER_ID) {
            ErrorCode fenced = checkExpected(current, expectedProducerId, expectedProducerEpoch);
            if (fenced != ErrorCode.NONE) {
                return CoordinatorResult.response(InitProducerIdResult.failed(fenced));
            }
            if (isRetry(current, expectedProducerId, expectedProducerEpoch)) {
                return CoordinatorResult.response(InitProducerIdResult.of(current));
            }
        }
        return switch (current.state()) {
            case PREPARE_COMMIT, PREPARE_ABORT, PREPARE_EPOCH_FENCE, DEAD ->
                    CoordinatorResult.response(InitProducerIdResult.failed(ErrorCode.CONCURRENT_TRANSACTIONS));
            case ONGOING -> abortOngoing(shard, current, nowMs);
            case EMPTY, COMPLETE_COMMIT, COMPLETE_ABORT -> bump(current, timeoutMs, nowMs);
        };
    }

    private static ErrorCode checkExpected(TransactionMetadata current, long producerId, short epoch) {
        if (producerId == current.producerId()) {
            boolean known = epoch == current.producerEpoch()
                    || (current.lastProducerEpoch() != TransactionMetadata.NO_PRODUCER_EPOCH && epoch == current.lastProducerEpoch());
            return known ? ErrorCode.NONE : ErrorCode.PRODUCER_FENCED;
        }
        // a retry of a bump that moved to a new producer id (the old epoch was exhausted)
        return producerId == current.previousProducerId() ? ErrorCode.NONE : ErrorCode.PRODUCER_FENCED;
    }

    /** The producer lost the answer to a bump that already happened: give it the same answer. */
    private static boolean isRetry(TransactionMetadata current, long producerId, short epoch) {
        boolean bumpedFrom = producerId == current.producerId() && current.lastProducerEpoch() != TransactionMetadata.NO_PRODUCER_EPOCH
                && epoch == current.lastProducerEpoch();
        return (bumpedFrom || producerId == current.previousProducerId()) && current.state().isIdle();
    }

    private CoordinatorResult<InitProducerIdResult> bump(TransactionMetadata current, int timeoutMs, long nowMs) {
        TransactionMetadata bumped;
        if (current.isEpochExhausted()) {
            long producerId = producerIds.getAsLong();
            if (producerId < 0) {
                return CoordinatorResult.response(InitProducerIdResult.failed(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS));
            }
            bumped = current.withProducer(producerId, current.producerId(), (short) 0, TransactionMetadata.NO_PRODUCER_EPOCH);
        } else {
            bumped = current.withBumpedEpoch();
        }
        TransactionMetadata empty = bumped.withTimeoutMs(timeoutMs).withoutPartitions().withState(TransactionState.EMPTY, nowMs);
        return write(new TransactionMetadata(empty.transactionalId(), empty.producerId(), empty.previousProducerId(),
                empty.nextProducerId(), empty.producerEpoch(), empty.lastProducerEpoch(), empty.timeoutMs(), empty.state(),
                empty.partitions(), -1, nowMs, empty.clientTransactionVersion()));
    }

    /** Fences the open transaction's producer and aborts it; the caller retries once it is done. */
    private static CoordinatorResult<InitProducerIdResult> abortOngoing(TransactionCoordinatorShard shard, TransactionMetadata current,
                                                                        long nowMs) {
        TransactionMetadata aborting = Aborts.fenceAndAbort(current, nowMs);
        return CoordinatorResult.of(List.of(TransactionRecord.of(aborting)), InitProducerIdResult.failed(ErrorCode.CONCURRENT_TRANSACTIONS))
                .whenAppended(error -> {
                    if (error == ErrorCode.NONE) {
                        shard.dispatchMarkers(aborting);
                    }
                });
    }

    private static CoordinatorResult<InitProducerIdResult> write(TransactionMetadata metadata) {
        return CoordinatorResult.of(List.of(TransactionRecord.of(metadata)), InitProducerIdResult.of(metadata));
    }
}
