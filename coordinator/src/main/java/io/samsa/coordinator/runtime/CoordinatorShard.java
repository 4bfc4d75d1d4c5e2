package io.samsa.coordinator.runtime;

import io.samsa.coordinator.records.CoordinatorRecord;

/**
 * A shard of the group coordinator: the state machine of one {@code __consumer_offsets} partition,
 * replaying the protobuf {@link CoordinatorRecord}s (the runtime's default codec,
 * {@code GroupRecordCodec}). See {@link ReplayableShard}
 * for the contract.
 */
public interface CoordinatorShard extends ReplayableShard<CoordinatorRecord> {
}
