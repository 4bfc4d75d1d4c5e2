/**
 * What the data APIs' handlers share about the partitions this broker hosts: finding a
 * partition's log and the error for one it lacks ({@link io.samsa.broker.data.partitions.PartitionLookup}),
 * and waking the requests parked on a partition ({@link io.samsa.broker.data.partitions.PartitionWaiters}).
 * Below {@code data.produce}, {@code data.fetch} and {@code data.offsets}, which the data module wires.
 */
package io.samsa.broker.data.partitions;
