/**
 * The consumer-group APIs of the broker: wire messages translated to the group coordinator's
 * domain records ({@code io.samsa.coordinator}) and back, one handler per API, and the
 * coordinator's log on the {@code __consumer_offsets} topic.
 *
 * <pre>
 *  socket -> dispatcher -> JoinGroupApi (wire -> JoinGroupRequest)
 *                              -> GroupCoordinatorService.joinGroup       (coordinator thread of the group's partition)
 *                                   -> records -> OffsetsTopicLog.append  (same thread, inline: one batch, PartitionLog.append)
 *                              <- JoinGroupResult once durable, replicated partitions: at the high watermark
 *                                 (domain -> wire at the request's version)
 * </pre>
 *
 * <p><b>Wiring</b> ({@link io.samsa.broker.BrokerAssembly}): {@link io.samsa.broker.group.GroupModule}
 * after the topics/storage module, given the topic registry, the log manager and this node's
 * identity. Its component creates {@code __consumer_offsets} when missing (offsets.topic.num.partitions
 * partitions, compacted, offsets.topic.segment.bytes segments), starts the coordinator with limits
 * from the broker config ({@link io.samsa.broker.group.GroupCoordinatorConfigs}) and elects this
 * node for every partition; replay runs in the background and requests meanwhile get
 * COORDINATOR_LOAD_IN_PROGRESS.
 *
 * <p><b>Replication</b> (issue 11). The coordinator follows leadership of {@code __consumer_offsets}:
 * {@code OffsetsLeadership} loads a partition when the replica manager makes this broker its leader
 * (under the leader epoch; a stale epoch is ignored, a newer one reloads) and unloads it when the
 * broker follows or stops being a replica (NOT_COORDINATOR). {@code OffsetsTopicLog} appends to a
 * replicated partition only under the epoch it was loaded with and completes the write when the high
 * watermark passes it ({@code OffsetsReplicationWaits}, woken by the replica manager's change
 * listener); leadership lost first fails it with NOT_COORDINATOR and the runtime reverts its state.
 * Reads are answered once the writes in flight when they ran are replicated. In cluster mode the
 * topic is created through the controller on the first FindCoordinator, which answers the image's
 * leader of the group's partition ({@code ImageCoordinatorLocator}); a partition without a role
 * (single node) is elected at start as before.
 *
 * <p><b>Versions.</b> The generated codecs carry each version's fields; handlers add only the rules
 * the schema demands: FindCoordinator v4+ and LeaveGroup v3+ batch, OffsetFetch v8+ multi-group and
 * v1's missing group error, JoinGroup v0's missing rebalance timeout and pre-v7 non-null protocol
 * name. Per-version group semantics (v4+ MEMBER_ID_REQUIRED, v9 skip assignment, DescribeGroups
 * unknown groups) live in the coordinator, which gets the request version.
 */
package io.samsa.broker.group;
