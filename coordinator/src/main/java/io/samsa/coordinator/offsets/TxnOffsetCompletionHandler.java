package io.samsa.coordinator.offsets;

import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A transaction marker reached this {@code __consumer_offsets} partition: a COMMIT turns the
 * producer's pending offsets into committed ones (OFFSET_COMMIT records), an ABORT drops them;
 * either way their TXN_OFFSET_COMMIT records are deleted, all in one write. The broker answers the
 * marker only once this write is durable, so a crash in between makes the transaction coordinator
 * send the marker again, and the second run finds nothing left (a no-op). Stateless.
 */
public final class TxnOffsetCompletionHandler {

    public CoordinatorResult<ErrorCode> complete(OffsetsContext shard, long producerId, boolean commit) {
        List<CoordinatorRecord> records = new ArrayList<>();
        for (Map.Entry<PendingOffsetStore.PendingOffset, CommittedOffset> entry : shard.pendingOffsets().of(producerId)) {
            PendingOffsetStore.PendingOffset pending = entry.getKey();
            String topic = pending.partition().topic();
            int partition = pending.partition().partition();
            if (commit) {
                records.add(OffsetCommitRecords.newOffsetCommitRecord(pending.groupId(), topic, partition, entry.getValue()));
            }
            records.add(OffsetCommitRecords.newTxnOffsetCommitTombstoneRecord(pending.groupId(), topic, partition, producerId));
        }
        return CoordinatorResult.of(records, ErrorCode.NONE);
    }
}
