package io.samsa.coordinator.runtime;

import io.samsa.coordinator.timeline.SnapshotRegistry;
import io.samsa.protocol.util.Time;

/**
 * What the runtime gives a shard when it creates one for a partition. Immutable; the objects it
 * holds belong to the partition's event thread.
 *
 * @param partition        the {@code __consumer_offsets} partition
 * @param time             the clock; operations get {@code nowMs} passed in and should use that
 * @param timer            the partition's timer
 * @param snapshotRegistry the registry every timeline structure of the shard must use
 */
public record CoordinatorShardContext(int partition, Time time, CoordinatorTimer timer, SnapshotRegistry snapshotRegistry) {
}
