package io.samsa.coordinator;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import io.samsa.coordinator.classic.HeartbeatRequest;
import io.samsa.coordinator.classic.JoinGroupRequest;
import io.samsa.coordinator.classic.JoinGroupResult;
import io.samsa.coordinator.classic.LeaveGroupRequest;
import io.samsa.coordinator.classic.LeaveGroupResult;
import io.samsa.coordinator.classic.SyncGroupRequest;
import io.samsa.coordinator.classic.SyncGroupResult;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.MemberProtocol;
import io.samsa.coordinator.offsets.OffsetCommitRequest;
import io.samsa.coordinator.offsets.OffsetCommitRequest.PartitionCommit;
import io.samsa.coordinator.offsets.OffsetCommitResponse;
import io.samsa.coordinator.offsets.OffsetFetchRequest;
import io.samsa.coordinator.offsets.OffsetFetchResponse;
import io.samsa.coordinator.offsets.PartitionResult;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the classic group APIs against the real coordinator runtime on a
 * manual clock and a manual executor ({@link GroupCoordinatorTestContext}): up to four clients
 * (dynamic or static) send up to 32 fuzzed JoinGroup (versions 0-9, protocol types and names,
 * session and rebalance timeouts, member ids), SyncGroup, Heartbeat, LeaveGroup, OffsetCommit and
 * OffsetFetch requests between clock advances. A client that leads a generation assigns the
 * partitions 0-7 of one topic round-robin over the members its JoinGroup answer lists.
 *
 * <p>Invariants (an {@link AssertionError} each):
 * <ol>
 *   <li>a group never has two members owning a partition: the assignments SyncGroup hands out in
 *       one generation are disjoint, and each is what that generation's leader gave the member (a
 *       static member by its instance id: one that replaces its predecessor within a generation
 *       takes over the predecessor's assignment, as in Kafka);</li>
 *   <li>a stale member is fenced: Heartbeat and a member's OffsetCommit succeed only with the
 *       group's current generation; a generation-less commit only while the group has no members;</li>
 *   <li>generations only grow (JoinGroup answers and the stored group), until an empty group
 *       without offsets is removed by the retention check (a new group starts over, as in Kafka);</li>
 *   <li>no request fails inside the coordinator (an exception or UNKNOWN_SERVER_ERROR: a Samsa bug),
 *       except where Kafka 4.1 fails too: a JoinGroup of a pending member (one told MEMBER_ID_REQUIRED)
 *       that now carries a group instance id, which Kafka refuses with an IllegalStateException
 *       ("pending member cannot be a static member") answered as UNKNOWN_SERVER_ERROR;</li>
 *   <li>every request is answered: after the sequence and clock advances longer than any session
 *       and rebalance timeout (up to Integer.MAX_VALUE ms), no future is still pending;</li>
 *   <li>no state change when the answer is an error: a refused Heartbeat, SyncGroup, LeaveGroup or
 *       OffsetCommit leaves the stored groups, the committed offsets and the pending members as
 *       they were.</li>
 * </ol>
 * Regression inputs: {@code src/test/resources/io/samsa/coordinator/GroupCoordinatorFuzzTestInputs/}.
 */
@Tag("jazzer")
class GroupCoordinatorFuzzTest {
    private static final String GROUP = "fuzz-group";
    private static final String TOPIC = "t";
    private static final int PARTITIONS = 8;
    private static final int CLIENTS = 4;
    private static final int MAX_STEPS = 32;
    private static final int[] SESSION_TIMEOUTS = {6_000, 10_000, 45_000};
    private static final int[] REBALANCE_TIMEOUTS = {3_000, 10_000, 60_000};
    private static final long[] ADVANCES = {1, 100, 3_000, 10_000, 30_000};
    /** Longer than every timeout a valid join can set (group.max.session.timeout.ms is 30 minutes). */
    private static final long SETTLE_MS = 31 * 60_000L;

    /** One client's view: the member id it uses and the generation it last joined. */
    private static final class Client {
        String memberId = "";
        String instanceId;
        int generation = -1;
        List<JoinGroupResult.Member> leaderOf = List.of();
    }

    private final Map<CompletableFuture<?>, String> pending = new java.util.LinkedHashMap<>();
    private final List<String> trace = new ArrayList<>();
    /** generation -> member -> assignment, as handed out by SyncGroup. */
    private final Map<Integer, Map<String, ByteString>> handedOut = new HashMap<>();
    /** generation -> the leader's assignment. */
    private final Map<Integer, Map<String, ByteString>> leaderAssignments = new HashMap<>();
    private int maxGeneration = -1;
    private final List<Client> clients = new ArrayList<>();
    private final List<AssertionError> violations = new ArrayList<>();

    @FuzzTest(maxDuration = "30s")
    void groupApiSequence(FuzzedDataProvider data) {
        GroupCoordinatorFuzzTest run = new GroupCoordinatorFuzzTest();
        run.play(data);
    }

    private void play(FuzzedDataProvider data) {
        GroupCoordinatorConfig config = GroupCoordinatorConfig.fromProperties(Map.of(
                GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, "1",
                GroupCoordinatorConfig.GROUP_MAX_SIZE, Integer.toString(data.consumeInt(1, CLIENTS)),
                GroupCoordinatorConfig.GROUP_INITIAL_REBALANCE_DELAY_MS, data.consumeBoolean() ? "0" : "3000"));
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext(config)) {
            ctx.load(0);
            for (int i = 0; i < CLIENTS; i++) {
                Client client = new Client();
                client.instanceId = data.consumeInt(0, 3) == 0 ? "instance-" + i : null;
                clients.add(client);
            }
            int steps = data.consumeInt(1, MAX_STEPS);
            for (int step = 0; step < steps && data.remainingBytes() > 0; step++) {
                Client client = clients.get(data.consumeInt(0, CLIENTS - 1));
                switch (data.consumeInt(0, 7)) {
                    case 0, 1 -> join(data, ctx, client);
                    case 2 -> sync(data, ctx, client);
                    case 3 -> heartbeat(data, ctx, client);
                    case 4 -> leave(data, ctx, client);
                    case 5 -> commit(data, ctx, client);
                    case 6 -> fetchOffsets(ctx);
                    default -> {
                        long ms = data.consumeInt(0, 7) == 0 ? data.consumeLong(0, 600_000)
                                : ADVANCES[data.consumeInt(0, ADVANCES.length - 1)];
                        trace.add("sleep " + ms);
                        ctx.sleep(ms);
                    }
                }
                ctx.releaseAppends();
                checkGeneration(ctx);
                throwViolation();
            }
            for (int i = 0; i < 4; i++) {
                ctx.sleep(SETTLE_MS);
                ctx.releaseAppends();
            }
            // a join phase lasts up to the members' rebalance timeout, which Kafka does not bound (an int of ms)
            for (int i = 0; i < 3; i++) {
                ctx.sleep(Integer.MAX_VALUE);
                ctx.releaseAppends();
            }
            throwViolation();
            pending.forEach((future, request) -> check(future.isDone(), "a request was never answered: " + request
                    + "\nsteps: " + String.join("\n", trace) + "\ngroup " + ctx.shard(0).groups().group(GROUP)));
        }
    }

    private void join(FuzzedDataProvider data, GroupCoordinatorTestContext ctx, Client client) {
        short version = (short) data.consumeInt(0, 9);
        String memberId = data.consumeInt(0, 7) == 0 ? data.consumeAsciiString(12) : client.memberId;
        String instanceId = version >= 5 ? client.instanceId : null;
        String protocolType = data.consumeInt(0, 7) == 0 ? data.consumeAsciiString(8) : "consumer";
        List<MemberProtocol> protocols = new ArrayList<>();
        if (data.consumeInt(0, 3) != 0) {
            protocols.add(new MemberProtocol("range", ByteString.copyFromUtf8("r")));
        }
        if (data.consumeBoolean()) {
            protocols.add(new MemberProtocol("roundrobin", ByteString.copyFromUtf8("rr")));
        }
        int session = data.consumeInt(0, 7) == 0 ? data.consumeInt() : SESSION_TIMEOUTS[data.consumeInt(0, SESSION_TIMEOUTS.length - 1)];
        int rebalance = data.consumeInt(0, 7) == 0 ? data.consumeInt() : REBALANCE_TIMEOUTS[data.consumeInt(0, REBALANCE_TIMEOUTS.length - 1)];
        // Kafka too fails such a join internally (IllegalStateException: a pending member cannot be static)
        boolean kafkaFailsInternally = instanceId != null && !memberId.isEmpty()
                && ctx.shard(0).existingSoftState(GROUP) != null && ctx.shard(0).existingSoftState(GROUP).isPendingMember(memberId);
        trace.add("join v" + version + " member " + memberId + " instance " + instanceId + " type " + protocolType
                + " protocols " + protocols.size() + " session " + session + " rebalance " + rebalance);
        CompletableFuture<JoinGroupResult> future = send(ctx, ctx.service.joinGroup(new JoinGroupRequest(GROUP, memberId,
                instanceId, protocolType, protocols, session, rebalance, "fuzz", "/127.0.0.1", version)), kafkaFailsInternally);
        onAnswer(future, result -> {
            if (result.error() == ErrorCode.MEMBER_ID_REQUIRED) {
                client.memberId = result.memberId();
            } else if (result.error() == ErrorCode.NONE) {
                check(result.generationId() >= maxGeneration, "JoinGroup answered generation " + result.generationId()
                        + " after " + maxGeneration);
                maxGeneration = result.generationId();
                client.memberId = result.memberId();
                client.generation = result.generationId();
                client.leaderOf = result.leaderId().equals(result.memberId()) ? result.members() : List.of();
            }
        });
    }

    private void sync(FuzzedDataProvider data, GroupCoordinatorTestContext ctx, Client client) {
        int generation = data.consumeInt(0, 7) == 0 ? data.consumeInt(-1, maxGeneration + 1) : client.generation;
        Map<String, ByteString> assignments = new HashMap<>();
        if (!client.leaderOf.isEmpty() && generation == client.generation) {
            Map<String, ByteString> byOwner = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                JoinGroupResult.Member member = client.leaderOf.get(p % client.leaderOf.size());
                ByteString partition = ByteString.copyFrom(new byte[] {(byte) p});
                assignments.merge(member.memberId(), partition, ByteString::concat);
                byOwner.merge(owner(member.memberId(), member.groupInstanceId()), partition, ByteString::concat);
            }
            leaderAssignments.putIfAbsent(generation, Map.copyOf(byOwner));
        }
        String protocolType = data.consumeInt(0, 7) == 0 ? data.consumeAsciiString(8) : null;
        String memberId = client.memberId;
        State before = State.of(ctx);
        trace.add("sync member " + memberId + " instance " + client.instanceId + " generation " + generation
                + " assignments " + assignments.keySet());
        CompletableFuture<SyncGroupResult> future = send(ctx, ctx.service.syncGroup(new SyncGroupRequest(GROUP, memberId,
                client.instanceId, generation, protocolType, null, assignments)));
        if (future.isDone() && future.join().error() != ErrorCode.NONE) {
            State.assertUnchanged(before, ctx, "SyncGroup answered " + future.join().error());
        }
        // a static member replaced within a generation takes over its predecessor's assignment: own by instance
        String owner = owner(memberId, client.instanceId);
        onAnswer(future, result -> {
            if (result.error() != ErrorCode.NONE) {
                return;
            }
            Map<String, ByteString> given = handedOut.computeIfAbsent(generation, g -> new HashMap<>());
            given.put(owner, result.assignment());
            Set<Byte> owned = new HashSet<>();
            for (Map.Entry<String, ByteString> entry : given.entrySet()) {
                for (byte partition : entry.getValue().toByteArray()) {
                    check(owned.add(partition), "generation " + generation + " gives partition " + partition
                            + " to two members: " + given);
                }
            }
            Map<String, ByteString> leader = leaderAssignments.get(generation);
            if (leader != null) {
                check(result.assignment().equals(leader.getOrDefault(owner, ByteString.EMPTY)),
                        owner + " got " + result.assignment() + " in generation " + generation + ", its leader gave it "
                                + leader.get(owner) + " (" + leader + "; group " + ctx.shard(0).groups().group(GROUP) + ")");
            }
        });
    }

    private void heartbeat(FuzzedDataProvider data, GroupCoordinatorTestContext ctx, Client client) {
        int generation = data.consumeInt(0, 5) == 0 ? data.consumeInt(-1, maxGeneration + 1) : client.generation;
        State before = State.of(ctx);
        trace.add("heartbeat member " + client.memberId + " generation " + generation);
        CompletableFuture<ErrorCode> future = send(ctx, ctx.service.heartbeat(
                new HeartbeatRequest(GROUP, client.memberId, client.instanceId, generation)));
        check(future.isDone(), "a heartbeat waits");
        ErrorCode error = future.join();
        if (error == ErrorCode.NONE) {
            ClassicGroup group = ctx.shard(0).groups().group(GROUP);
            check(group != null && group.generationId() == generation, "a heartbeat of generation " + generation
                    + " succeeded in " + (group == null ? "no group" : "generation " + group.generationId()));
        } else {
            State.assertUnchanged(before, ctx, "Heartbeat answered " + error);
        }
    }

    private void leave(FuzzedDataProvider data, GroupCoordinatorTestContext ctx, Client client) {
        List<LeaveGroupRequest.LeavingMember> members = new ArrayList<>();
        members.add(new LeaveGroupRequest.LeavingMember(client.memberId, data.consumeBoolean() ? client.instanceId : null));
        if (data.consumeInt(0, 3) == 0) {
            members.add(new LeaveGroupRequest.LeavingMember(data.consumeAsciiString(12), null));
        }
        State before = State.of(ctx);
        trace.add("leave " + members);
        CompletableFuture<LeaveGroupResult> future = send(ctx, ctx.service.leaveGroup(new LeaveGroupRequest(GROUP, members)));
        if (future.isDone()) {
            LeaveGroupResult result = future.join();
            boolean allFailed = result.error() != ErrorCode.NONE
                    || result.members().stream().allMatch(m -> m.error() != ErrorCode.NONE);
            check(result.error() != ErrorCode.NONE || result.members().size() == members.size(),
                    "LeaveGroup answered " + result.members().size() + " of " + members.size() + " members");
            if (allFailed) {
                State.assertUnchanged(before, ctx, "LeaveGroup answered " + result);
            }
        }
    }

    private void commit(FuzzedDataProvider data, GroupCoordinatorTestContext ctx, Client client) {
        boolean simple = data.consumeInt(0, 3) == 0;
        int generation = simple ? OffsetCommitRequest.UNKNOWN_GENERATION
                : data.consumeInt(0, 5) == 0 ? data.consumeInt(-1, maxGeneration + 1) : client.generation;
        List<PartitionCommit> partitions = new ArrayList<>();
        int count = data.consumeInt(0, 3);
        for (int i = 0; i < count; i++) {
            partitions.add(new PartitionCommit(TOPIC, data.consumeInt(-1, PARTITIONS), data.consumeLong(-2, 1_000),
                    -1, data.consumeInt(0, 7) == 0 ? data.consumeAsciiString(8) : null));
        }
        State before = State.of(ctx);
        trace.add("commit member " + (simple ? "" : client.memberId) + " generation " + generation);
        CompletableFuture<OffsetCommitResponse> future = send(ctx, ctx.service.commitOffsets(new OffsetCommitRequest(GROUP,
                simple ? "" : client.memberId, generation, simple ? null : client.instanceId, -1,
                (short) data.consumeInt(1, 9), partitions)));
        if (!future.isDone()) {
            return;
        }
        OffsetCommitResponse response = future.join();
        check(response.partitions().size() == partitions.size(), "OffsetCommit answered " + response.partitions().size()
                + " of " + partitions.size() + " partitions");
        boolean anyCommitted = response.partitions().stream().anyMatch(p -> p.error() == ErrorCode.NONE);
        ClassicGroup group = ctx.shard(0).groups().group(GROUP);
        if (anyCommitted && generation >= 0) {
            check(group != null && group.generationId() == generation, "a commit of generation " + generation
                    + " succeeded in " + (group == null ? "no group" : "generation " + group.generationId()));
        } else if (anyCommitted) {
            // Kafka's generation-less (admin or simple consumer) commit: only while the group has no members
            check(before.groupHadNoMembers(), "a generation-less commit succeeded while the group had members");
        }
        if (!anyCommitted && !partitions.isEmpty()) {
            State.assertUnchanged(before, ctx, "OffsetCommit answered "
                    + response.partitions().stream().map(PartitionResult::error).toList());
        }
    }

    private void fetchOffsets(GroupCoordinatorTestContext ctx) {
        trace.add("fetch offsets");
        OffsetFetchResponse response = send(ctx, ctx.service.fetchOffsets(OffsetFetchRequest.allPartitions(GROUP))).join();
        check(response.error() == ErrorCode.NONE, "OffsetFetch failed: " + response);
    }

    private void checkGeneration(GroupCoordinatorTestContext ctx) {
        ClassicGroup group = ctx.shard(0).groups().group(GROUP);
        if (group == null) {
            // an empty group without offsets is removed by the retention check, as in Kafka; a new one
            // starts over at generation 0, so what the clients knew of the old one means nothing
            maxGeneration = -1;
            leaderAssignments.clear();
            handedOut.clear();
            for (Client client : clients) {
                client.generation = -1;
                client.leaderOf = List.of();
            }
        } else {
            check(group.generationId() >= maxGeneration, "the stored group is at generation " + group.generationId()
                    + " after " + maxGeneration + " was handed out");
            maxGeneration = Math.max(maxGeneration, group.generationId());
        }
    }

    /** Who owns an assignment: a static member by its instance id (its member id may be replaced), else the member. */
    private static String owner(String memberId, String instanceId) {
        return instanceId != null ? "instance " + instanceId : memberId;
    }

    /** Checks an answer when it comes; a violation found in the callback is thrown after the step. */
    private <T> void onAnswer(CompletableFuture<T> future, java.util.function.Consumer<T> check) {
        future.thenAccept(result -> {
            try {
                check.accept(result);
            } catch (AssertionError e) {
                violations.add(e);
            }
        });
    }

    private void throwViolation() {
        if (!violations.isEmpty()) {
            throw violations.get(0);
        }
    }

    /** Sends a request and runs the events; an internal error as its answer is a violation. */
    private <T> CompletableFuture<T> send(GroupCoordinatorTestContext ctx, CompletableFuture<T> future) {
        return send(ctx, future, false);
    }

    private <T> CompletableFuture<T> send(GroupCoordinatorTestContext ctx, CompletableFuture<T> future,
                                          boolean internalErrorAsInKafka) {
        ctx.executor.runAll();
        CompletableFuture<T> view = GroupCoordinatorTestContext.nonBlocking(future);
        String request = trace.isEmpty() ? "?" : trace.get(trace.size() - 1);
        pending.put(view, request);
        view.whenComplete((answer, failure) -> trace.add("  answered " + request + ": " + (failure != null ? failure : answer)));
        view.whenComplete((answer, failure) -> {
            boolean internal = answer != null && answer.toString().contains(ErrorCode.UNKNOWN_SERVER_ERROR.name());
            if (failure != null || (internal && !internalErrorAsInKafka)) {
                violations.add(new AssertionError("a request failed inside the coordinator: "
                        + (failure != null ? failure : answer), failure));
            }
        });
        return view;
    }

    /** What a refused request must leave as it was. */
    private record State(Map<String, ClassicGroup> groups, Object offsets, Set<String> pendingMembers) {
        boolean groupHadNoMembers() {
            ClassicGroup group = groups.get(GROUP);
            return group == null || group.hasNoMembers();
        }

        static State of(GroupCoordinatorTestContext ctx) {
            GroupCoordinatorShard shard = ctx.shard(0);
            var soft = shard.existingSoftState(GROUP);
            return new State(shard.groups().toMap(), shard.offsets().toMap(),
                    soft == null ? Set.of() : Set.copyOf(soft.pendingMemberIds()));
        }

        static void assertUnchanged(State before, GroupCoordinatorTestContext ctx, String answer) {
            State after = of(ctx);
            check(Objects.equals(before, after), "state changed though " + answer + ": " + before + " -> " + after);
        }
    }

    private static void check(boolean condition, String violation) {
        if (!condition) {
            throw new AssertionError(violation);
        }
    }
}
