/**
 * The data plane: {@link io.samsa.broker.data.DataModule} serves Produce, Fetch, ListOffsets,
 * InitProducerId, DeleteRecords, OffsetForLeaderEpoch and DescribeProducers over the partition
 * logs of {@code io.samsa.storage}, found through {@link io.samsa.broker.data.partitions.PartitionLookup}.
 *
 * <ul>
 *   <li>{@code produce}: validation with Kafka's error codes, idempotent-producer state (rebuilt
 *       from the log), producer ids that survive restarts;</li>
 *   <li>{@code fetch}: zero-copy reads within Kafka's byte limits, the long-poll purgatory woken by
 *       storage's append listeners, incremental fetch sessions;</li>
 *   <li>{@code offsets}: ListOffsets, DeleteRecords, OffsetForLeaderEpoch.</li>
 * </ul>
 *
 * <p>Wiring ({@link io.samsa.broker.BrokerAssembly}): the topics module owns storage (a
 * {@link io.samsa.broker.storage.StorageComponent}, started before the port binds); the data module
 * takes its log manager and first log dir.
 */
package io.samsa.broker.data;
