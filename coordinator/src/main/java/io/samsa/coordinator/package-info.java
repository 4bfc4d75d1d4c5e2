/**
 * The group coordinator: one state machine per {@code __consumer_offsets} partition.
 *
 * <pre>
 *  broker ──► GroupCoordinatorService ── partitionFor(groupId) ──► CoordinatorRuntime
 *                                                                    │ one serial executor per partition
 *                                                                    ▼
 *            handler(shard, request, nowMs) ──► CoordinatorResult(records, response)
 *                                                                    │ replay(records) on the shard,
 *                                                                    │ append via CoordinatorLog,
 *                                                                    ▼ answer once durable / revert
 *                                  GroupCoordinatorShard (ClassicGroupStore + ConsumerGroupStore + OffsetStore)
 * </pre>
 *
 * <ul>
 * <li>{@code records}: the protobuf records of {@code __consumer_offsets}, their factories and serde.</li>
 * <li>{@code group}: the classic group model (states, groups, members), its store and its in-memory part.</li>
 * <li>{@code classic}: the JoinGroup/SyncGroup/Heartbeat/LeaveGroup handlers and the shared rebalance steps and deadlines.</li>
 * <li>{@code consumer}: the KIP-848 consumer groups (model, store, records, ConsumerGroupHeartbeat with
 *     reconciliation, ConsumerGroupDescribe, member-epoch checks of offsets); {@code consumer.assignor}
 *     the server-side assignors (uniform, range).</li>
 * <li>{@code offsets}: the offset store and the OffsetCommit/Fetch/Delete and retention handlers.</li>
 * <li>{@code admin}: the ListGroups/DescribeGroups/DeleteGroups handlers.</li>
 * <li>{@code runtime}: the generic machinery: executor, write path, loading, timers.</li>
 * <li>{@code timeline}: snapshot-revertible maps, so a failed append is undone by reverting.</li>
 * </ul>
 *
 * <p>Dependencies point one way, {@code root -> {admin -> offsets -> {classic, consumer}} -> group ->
 * records}, with {@code runtime} and {@code timeline} knowing nothing about groups; {@code PackageGraphTest}
 * guards it. Handlers see the shard only through narrow interfaces declared in their own package
 * ({@code ClassicGroupContext}, {@code OffsetsContext}, {@code ConsumerGroupContext}).
 *
 * <p>Adding an API: write a handler class that reads its context interface (which the
 * {@link io.samsa.coordinator.GroupCoordinatorShard} implements) and returns a
 * {@link io.samsa.coordinator.runtime.CoordinatorResult}; never change the shard
 * outside {@code replay}, except the in-memory-only parts (timers, parked responses); add the
 * service method that routes to it. Domain requests and responses carry plain values and
 * {@link io.samsa.coordinator.ErrorCode}s; the broker translates the wire messages.
 */
package io.samsa.coordinator;

import io.samsa.protocol.ErrorCode;

