package io.samsa.coordinator.transaction;

import io.samsa.coordinator.records.SerializedRecord;
import io.samsa.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The two periodic checks of a transaction shard, each rescheduling itself:
 * <ul>
 * <li>every transaction.abort.timed.out.transaction.cleanup.interval.ms, transactions Ongoing for
 *     longer than their timeout are aborted with an epoch bump ({@link Aborts}), so the producer
 *     that left them open is fenced, and their abort markers are sent;</li>
 * <li>every transaction.remove.expired.transaction.cleanup.interval.ms, transactional ids with no
 *     open transaction whose last change is older than transactional.id.expiration.ms are removed
 *     (a tombstone; a later InitProducerId starts afresh).</li>
 * </ul>
 * One check writes at most max-write-bytes of records; the rest wait for the next round. Runs on
 * the partition's event thread.
 */
final class TransactionTimeouts {
    private final TransactionCoordinatorShard shard;

    TransactionTimeouts(TransactionCoordinatorShard shard) {
        this.shard = shard;
    }

    /** Starts both checks. */
    void schedule() {
        shard.timer().schedule(TransactionTimerKey.ABORT_TIMED_OUT, shard.config().abortCheckIntervalMs(), this::abortTimedOut);
        shard.timer().schedule(TransactionTimerKey.EXPIRE_IDS, shard.config().expirationCheckIntervalMs(), this::expireIds);
    }

    CoordinatorResult<Void> abortTimedOut(long nowMs) {
        shard.timer().schedule(TransactionTimerKey.ABORT_TIMED_OUT, shard.config().abortCheckIntervalMs(), this::abortTimedOut);
        List<TransactionRecord> records = new ArrayList<>();
        List<TransactionMetadata> aborting = new ArrayList<>();
        long bytes = 0;
        for (TransactionMetadata metadata : shard.store().all()) {
            if (metadata.state() == TransactionState.ONGOING && nowMs - metadata.txnStartTimestampMs() > metadata.timeoutMs()) {
                TransactionMetadata aborted = Aborts.fenceAndAbort(metadata, nowMs);
                bytes += sizeOf(TransactionRecord.of(aborted));
                if (bytes > shard.config().maxWriteBytes()) {
                    break;
                }
                records.add(TransactionRecord.of(aborted));
                aborting.add(aborted);
            }
        }
        if (records.isEmpty()) {
            return CoordinatorResult.empty();
        }
        return CoordinatorResult.records(records).whenAppended(error -> {
            if (error == io.samsa.protocol.ErrorCode.NONE) {
                aborting.forEach(shard::dispatchMarkers);
            }
        });
    }

    CoordinatorResult<Void> expireIds(long nowMs) {
        shard.timer().schedule(TransactionTimerKey.EXPIRE_IDS, shard.config().expirationCheckIntervalMs(), this::expireIds);
        List<TransactionRecord> records = new ArrayList<>();
        long bytes = 0;
        for (TransactionMetadata metadata : shard.store().all()) {
            if (metadata.state().isIdle() && nowMs - metadata.txnLastUpdateTimestampMs() >= shard.config().idExpirationMs()) {
                TransactionRecord tombstone = TransactionRecord.tombstone(metadata.transactionalId());
                bytes += sizeOf(tombstone);
                if (bytes > shard.config().maxWriteBytes()) {
                    break;
                }
                records.add(tombstone);
            }
        }
        return records.isEmpty() ? CoordinatorResult.empty() : CoordinatorResult.records(records);
    }

    private static int sizeOf(TransactionRecord record) {
        SerializedRecord bytes = TransactionLogCodec.INSTANCE.serialize(record);
        return bytes.sizeInBytes();
    }
}
