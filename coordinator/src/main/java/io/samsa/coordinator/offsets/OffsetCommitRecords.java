package io.samsa.coordinator.offsets;

import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.records.proto.OffsetCommitValue;
import io.samsa.coordinator.records.proto.RecordKey;
import io.samsa.coordinator.records.proto.RecordType;
import java.util.OptionalLong;

/**
 * The committed-offset records of {@code __consumer_offsets}: the factory pair and the reader
 * replay uses, so the mapping between {@link CommittedOffset} and protobuf sits in one file.
 * Stateless; thread-safe.
 */
public final class OffsetCommitRecords {
    private OffsetCommitRecords() {
    }

    public static CoordinatorRecord newOffsetCommitRecord(String groupId, String topic, int partition, CommittedOffset offset) {
        OffsetCommitValue.Builder value = OffsetCommitValue.newBuilder()
                .setOffset(offset.offset())
                .setLeaderEpoch(offset.leaderEpoch())
                .setMetadata(offset.metadata())
                .setCommitTimestampMs(offset.commitTimestampMs());
        offset.expireTimestampMs().ifPresent(value::setExpireTimestampMs);
        return new CoordinatorRecord(offsetKey(groupId, topic, partition), value.build());
    }

    public static CoordinatorRecord newOffsetCommitTombstoneRecord(String groupId, String topic, int partition) {
        return new CoordinatorRecord(offsetKey(groupId, topic, partition), null);
    }

    /** Reads a committed offset back; the inverse of {@link #newOffsetCommitRecord}. */
    public static CommittedOffset toCommittedOffset(OffsetCommitValue value) {
        return new CommittedOffset(value.getOffset(), value.getLeaderEpoch(), value.getMetadata(),
                value.getCommitTimestampMs(),
                value.hasExpireTimestampMs() ? OptionalLong.of(value.getExpireTimestampMs()) : OptionalLong.empty());
    }

    /** An offset {@code producerId} committed in its open transaction (pending until the marker). */
    public static CoordinatorRecord newTxnOffsetCommitRecord(String groupId, String topic, int partition, long producerId,
                                                             CommittedOffset offset) {
        CoordinatorRecord plain = newOffsetCommitRecord(groupId, topic, partition, offset);
        return new CoordinatorRecord(txnOffsetKey(groupId, topic, partition, producerId), plain.value());
    }

    public static CoordinatorRecord newTxnOffsetCommitTombstoneRecord(String groupId, String topic, int partition,
                                                                      long producerId) {
        return new CoordinatorRecord(txnOffsetKey(groupId, topic, partition, producerId), null);
    }

    private static RecordKey txnOffsetKey(String groupId, String topic, int partition, long producerId) {
        return RecordKey.newBuilder().setType(RecordType.TXN_OFFSET_COMMIT)
                .setGroupId(groupId).setTopic(topic).setPartition(partition).setProducerId(producerId).build();
    }

    private static RecordKey offsetKey(String groupId, String topic, int partition) {
        return RecordKey.newBuilder().setType(RecordType.OFFSET_COMMIT)
                .setGroupId(groupId).setTopic(topic).setPartition(partition).build();
    }
}
