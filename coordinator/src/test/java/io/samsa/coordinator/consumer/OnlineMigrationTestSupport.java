package io.samsa.coordinator.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.classic.HeartbeatRequest;
import io.samsa.coordinator.classic.JoinGroupRequest;
import io.samsa.coordinator.classic.JoinGroupResult;
import io.samsa.coordinator.classic.LeaveGroupRequest;
import io.samsa.coordinator.classic.LeaveGroupResult;
import io.samsa.coordinator.classic.SyncGroupRequest;
import io.samsa.coordinator.classic.SyncGroupResult;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupMember;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.group.MemberProtocol;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ConsumerProtocolAssignment;
import io.samsa.protocol.message.ConsumerProtocolSubscription;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.ByteBufferWritable;
import io.samsa.protocol.types.Message;
import io.samsa.protocol.types.Uuid;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Classic members as kafka-clients' classic consumer speaks for them (JoinGroup with a
 * ConsumerProtocolSubscription v3, SyncGroup, Heartbeat, LeaveGroup), next to the consumer-protocol
 * helpers of {@link ConsumerGroupTestSupport}, for the online-migration tests. Classic session
 * timeout 10 s, rebalance timeout 5 s; one topic "t" of 6 partitions.
 */
abstract class OnlineMigrationTestSupport extends ConsumerGroupTestSupport {
    static final int CLASSIC_SESSION_MS = 10_000;
    static final String PROTOCOL = "cooperative-sticky";

    Uuid t;

    /** A context whose classic groups start rebalancing at once (no initial delay). */
    GroupCoordinatorTestContext migrationContext(Map<String, String> extra) {
        Map<String, String> props = new TreeMap<>(Map.of("group.initial.rebalance.delay.ms", "0"));
        props.putAll(extra);
        return context(props);
    }

    /** Seeds a Stable classic group of generation {@code generation}: member id to its partitions of "t". */
    static void seedClassicGroup(GroupCoordinatorTestContext ctx, int generation, Map<String, List<Integer>> assignments) {
        long now = ctx.time.milliseconds();
        List<ClassicGroupMember> members = new ArrayList<>();
        Map<String, ByteString> bytes = new TreeMap<>();
        assignments.forEach((memberId, partitions) -> {
            members.add(new ClassicGroupMember(memberId, null, "client-" + memberId, "/127.0.0.1", CLASSIC_SESSION_MS,
                    REBALANCE_TIMEOUT_MS, List.of(new MemberProtocol(PROTOCOL, subscription(List.of(), -1))), ByteString.EMPTY));
            bytes.put(memberId, assignment(partitions));
        });
        ClassicGroup group = new ClassicGroup(GROUP, ClassicGroupState.STABLE, now, "consumer", generation, PROTOCOL,
                members.get(0).memberId(), members).withAssignments(bytes);
        ctx.write(ctx.service.partitionFor(GROUP), (shard, nowMs) ->
                CoordinatorResult.records(List.of(GroupCoordinatorRecords.newGroupMetadataRecord(group)))).join();
    }

    /** @return a ConsumerProtocolSubscription v3 of "t" owning {@code owned} of it */
    static ByteString subscription(List<Integer> owned, int generation) {
        ConsumerProtocolSubscription subscription = new ConsumerProtocolSubscription().setTopics(List.of("t"))
                .setGenerationId(generation);
        if (!owned.isEmpty()) {
            subscription.setOwnedPartitions(List.of(new ConsumerProtocolSubscription.TopicPartition().setTopic("t")
                    .setPartitions(new ArrayList<>(owned))));
        }
        return withVersion(subscription, (short) 3);
    }

    static ByteString assignment(List<Integer> partitions) {
        return withVersion(new ConsumerProtocolAssignment().setAssignedPartitions(List.of(
                new ConsumerProtocolAssignment.TopicPartition().setTopic("t").setPartitions(new ArrayList<>(partitions)))), (short) 3);
    }

    /** @return the partitions of "t" a SyncGroup assignment gives */
    static List<Integer> partitionsOf(ByteString assignment) {
        ByteBuffer buffer = assignment.asReadOnlyByteBuffer();
        short version = buffer.getShort();
        ConsumerProtocolAssignment decoded = new ConsumerProtocolAssignment(new ByteBufferReadable(buffer), version);
        TreeSet<Integer> partitions = new TreeSet<>();
        decoded.assignedPartitions().forEach(topic -> partitions.addAll(topic.partitions()));
        return new ArrayList<>(partitions);
    }

    /** @return the partition indexes of every topic of {@code assignment}, sorted */
    static List<Integer> partitionsOf(Assignment assignment) {
        TreeSet<Integer> partitions = new TreeSet<>();
        assignment.partitions().values().forEach(partitions::addAll);
        return new ArrayList<>(partitions);
    }

    /** A consumer-protocol heartbeat acknowledging what the member was last told it owns. */
    static ConsumerGroupHeartbeatResponse beatAcking(GroupCoordinatorTestContext ctx, String memberId) {
        ConsumerGroupMember member = member(ctx, memberId);
        return ok(ctx, beat(memberId, member.memberEpoch(), member.assigned()));
    }

    private static ByteString withVersion(Message message, short version) {
        ByteBuffer buffer = ByteBuffer.allocate(2 + message.size(version));
        buffer.putShort(version);
        message.write(new ByteBufferWritable(buffer), version);
        return ByteString.copyFrom(buffer.flip());
    }

    static CompletableFuture<JoinGroupResult> classicJoin(GroupCoordinatorTestContext ctx, String memberId, List<Integer> owned,
                                                          int generation) {
        CompletableFuture<JoinGroupResult> result = ctx.service.joinGroup(new JoinGroupRequest(GROUP, memberId, null, "consumer",
                List.of(new MemberProtocol(PROTOCOL, subscription(owned, generation))), CLASSIC_SESSION_MS, REBALANCE_TIMEOUT_MS,
                "client-" + memberId, "/127.0.0.1", (short) 9));
        ctx.executor.runAll();
        return GroupCoordinatorTestContext.nonBlocking(result);
    }

    /** A join answered at once (a classic member of a consumer group is never parked). */
    static JoinGroupResult classicJoinNow(GroupCoordinatorTestContext ctx, String memberId, List<Integer> owned, int generation) {
        return classicJoin(ctx, memberId, owned, generation).join();
    }

    static SyncGroupResult classicSync(GroupCoordinatorTestContext ctx, String memberId, int generation) {
        CompletableFuture<SyncGroupResult> result = ctx.service.syncGroup(new SyncGroupRequest(GROUP, memberId, null, generation,
                "consumer", PROTOCOL, Map.of()));
        ctx.executor.runAll();
        return GroupCoordinatorTestContext.nonBlocking(result).join();
    }

    static ErrorCode classicHeartbeat(GroupCoordinatorTestContext ctx, String memberId, int generation) {
        ErrorCode error = ctx.await(ctx.service.heartbeat(new HeartbeatRequest(GROUP, memberId, null, generation)));
        assertNoPartitionHasTwoHolders(group(ctx));
        return error;
    }

    static LeaveGroupResult classicLeave(GroupCoordinatorTestContext ctx, String memberId) {
        return ctx.await(ctx.service.leaveGroup(new LeaveGroupRequest(GROUP, List.of(new LeaveGroupRequest.LeavingMember(memberId, null)))));
    }

    static ClassicGroup classicGroup(GroupCoordinatorTestContext ctx) {
        return ctx.shard(ctx.service.partitionFor(GROUP)).groups().group(GROUP);
    }

    /** Rebuilds the partition from its log in a second coordinator: both group types come back equal. */
    void assertReplayGivesSameState(GroupCoordinatorTestContext first) {
        int partition = first.service.partitionFor(GROUP);
        try (GroupCoordinatorTestContext second = new GroupCoordinatorTestContext(first.config, topics)) {
            second.log.seed(partition, first.log.records(partition));
            second.load(partition);
            assertEquals(classicGroup(first), classicGroup(second), "classic group after replay");
            ConsumerGroup before = group(first);
            ConsumerGroup after = group(second);
            assertEquals(before == null, after == null, "consumer group after replay");
            if (before != null) {
                assertEquals(before.groupEpoch(), after.groupEpoch());
                assertEquals(before.metadataHash(), after.metadataHash());
                assertEquals(before.targetAssignmentEpoch(), after.targetAssignmentEpoch());
                assertEquals(before.targetAssignment(), after.targetAssignment());
                assertEquals(new TreeMap<>(MemberUpdater.membersOf(before)), new TreeMap<>(MemberUpdater.membersOf(after)));
            }
        }
    }

    Assignment of(Integer... partitions) {
        return partitions(t, partitions);
    }
}
