/**
 * The transaction coordinator: one {@link io.samsa.coordinator.transaction.TransactionCoordinatorShard}
 * per {@code __transaction_state} partition, on the generic runtime, its records Kafka's
 * TransactionLog key/value ({@link io.samsa.coordinator.transaction.TransactionLogCodec}).
 *
 * <pre>
 *  broker ──► TransactionCoordinatorService ── partitionFor(transactionalId) ──► CoordinatorRuntime
 *                │                                                              │ replay TransactionRecords
 *                │   InitProducerIdHandler, AddPartitionsHandler, EndTxnHandler, ▼
 *                │   MarkersWrittenHandler, TransactionTimeouts  ──►  TransactionStore (id → TransactionMetadata)
 *                ▼
 *   TransactionMarkerSender (the broker: WriteTxnMarkers to each partition's leader)
 * </pre>
 *
 * <p>A handler reads the shard and returns records plus an answer; it never changes the shard
 * (the runtime replays the records). Markers are sent only once the Prepare state that decides
 * them is durable, and the Complete state is written only once every partition has its marker.
 */
package io.samsa.coordinator.transaction;
