package io.samsa.coordinator.consumer;

import io.samsa.coordinator.records.CoordinatorRecord;

/**
 * What consumer groups need of a classic group under the same id: whether there is none, an empty
 * one (which a consumer-protocol member may take over, deleting it) or one with members (which
 * refuses it, since online migration is not implemented), and the record that deletes it.
 * Implemented by the shard, so this package needs nothing of the classic model; read on the
 * shard's event thread.
 */
public interface ClassicGroupProbe {

    enum Status { NONE, EMPTY, ACTIVE }

    Status status(String groupId);

    /** @return the tombstone deleting the classic group {@code groupId} */
    CoordinatorRecord deletionRecord(String groupId);
}
