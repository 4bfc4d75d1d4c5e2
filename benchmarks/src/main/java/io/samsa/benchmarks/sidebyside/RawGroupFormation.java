package io.samsa.benchmarks.sidebyside;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FindCoordinatorRequest;
import io.samsa.protocol.message.FindCoordinatorResponse;
import io.samsa.protocol.message.HeartbeatRequest;
import io.samsa.protocol.message.HeartbeatResponse;
import io.samsa.protocol.message.JoinGroupRequest;
import io.samsa.protocol.message.JoinGroupResponse;
import io.samsa.protocol.message.SyncGroupRequest;
import io.samsa.protocol.message.SyncGroupResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Forms a classic group of N members over the raw protocol, one connection and thread per member, as
 * a client library would: FindCoordinator v3 until the coordinator is available (the first one makes
 * Kafka create {@code __consumer_offsets}; this single-node run needs no coordinator address), JoinGroup v9 (with the MEMBER_ID_REQUIRED round trip), SyncGroup v5 (the
 * leader hands every member an empty assignment), then Heartbeat v4 until the group settles, rejoining
 * on REBALANCE_IN_PROGRESS. The protocol type is {@code bench}, not {@code consumer}, so neither
 * broker interprets the (empty) metadata.
 *
 * <p>The group has formed when every member has completed SyncGroup and a heartbeat in one and the
 * same generation: that generation then holds exactly these members.
 *
 * <p>Stateless; {@link #form} blocks until the group formed or fails.
 */
final class RawGroupFormation {
    static final String PROTOCOL_TYPE = "bench";
    static final String PROTOCOL_NAME = "rr";
    static final int JOIN_VERSION = 9;
    static final int SYNC_VERSION = 5;
    static final int HEARTBEAT_VERSION = 4;
    static final int FIND_COORDINATOR_VERSION = 3;
    private static final long FORMATION_HEARTBEAT_MS = 50;
    private static final long RETRY_BACKOFF_MS = 50;

    /** A member of a formed group, ready to heartbeat. Immutable. */
    record JoinedMember(String groupId, String memberId, int generationId) {
        HeartbeatRequest heartbeat() {
            return new HeartbeatRequest().setGroupId(groupId).setMemberId(memberId).setGenerationId(generationId);
        }
    }

    private RawGroupFormation() {
    }

    /** @throws IllegalStateException when a member gets an unexpected error or the group does not form in time */
    static List<JoinedMember> form(String bootstrapServers, String groupId, int size, int sessionTimeoutMs, long timeoutMs) {
        awaitCoordinator(bootstrapServers, groupId, timeoutMs);
        AtomicIntegerArray settledGeneration = new AtomicIntegerArray(size);
        CompletableFuture<Void> formed = new CompletableFuture<>();
        List<CompletableFuture<JoinedMember>> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int index = i;
            CompletableFuture<JoinedMember> member = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try (WireConnection connection = new WireConnection(bootstrapServers)) {
                    member.complete(joinUntilFormed(connection, groupId, sessionTimeoutMs, index, settledGeneration, formed));
                } catch (Throwable e) {
                    member.completeExceptionally(e);
                    formed.completeExceptionally(e);
                }
            }, "raw-member-" + groupId + "-" + i);
            thread.setDaemon(true);
            thread.start();
            members.add(member);
        }
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!formed.isDone()) {
            if (allEqualAndPositive(settledGeneration)) {
                formed.complete(null);
            } else if (System.nanoTime() - deadlineNs > 0) {
                formed.completeExceptionally(new IllegalStateException("group " + groupId + " did not form in " + timeoutMs + " ms"));
            } else {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        formed.join();
        return members.stream().map(CompletableFuture::join).toList();
    }

    private static void awaitCoordinator(String bootstrapServers, String groupId, long timeoutMs) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try (WireConnection connection = new WireConnection(bootstrapServers)) {
            while (true) {
                FindCoordinatorResponse found = connection.call(new FindCoordinatorRequest().setKey(groupId).setKeyType((byte) 0),
                    FIND_COORDINATOR_VERSION);
                ErrorCode error = ErrorCode.forCode(found.errorCode());
                if (!error.isError()) {
                    return;
                }
                if (!error.retriable() || System.nanoTime() - deadlineNs > 0) {
                    throw new IllegalStateException("FindCoordinator for group " + groupId + " failed: " + error);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_BACKOFF_MS));
            }
        }
    }

    private static boolean allEqualAndPositive(AtomicIntegerArray generations) {
        int first = generations.get(0);
        for (int i = 0; i < generations.length(); i++) {
            if (generations.get(i) <= 0 || generations.get(i) != first) {
                return false;
            }
        }
        return true;
    }

    private static JoinedMember joinUntilFormed(WireConnection connection, String groupId, int sessionTimeoutMs, int index,
                                                AtomicIntegerArray settledGeneration, CompletableFuture<Void> formed) {
        String memberId = "";
        while (true) {
            JoinGroupResponse join = connection.call(join(groupId, memberId, sessionTimeoutMs), JOIN_VERSION);
            ErrorCode joinError = ErrorCode.forCode(join.errorCode());
            if (joinError == ErrorCode.MEMBER_ID_REQUIRED) {
                memberId = join.memberId();
                continue;
            }
            if (joinError == ErrorCode.COORDINATOR_LOAD_IN_PROGRESS || joinError == ErrorCode.COORDINATOR_NOT_AVAILABLE
                || joinError == ErrorCode.NOT_COORDINATOR) {
                // Kafka names the coordinator before its partition is active: a client would look it up again

                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_BACKOFF_MS));
                continue;
            }
            check(joinError, "JoinGroup", groupId);
            memberId = join.memberId();
            int generation = join.generationId();
            SyncGroupResponse sync = connection.call(sync(groupId, memberId, generation, join), SYNC_VERSION);
            ErrorCode syncError = ErrorCode.forCode(sync.errorCode());
            if (syncError == ErrorCode.REBALANCE_IN_PROGRESS) {
                continue;
            }
            check(syncError, "SyncGroup", groupId);
            JoinedMember member = new JoinedMember(groupId, memberId, generation);
            while (true) {
                HeartbeatResponse heartbeat = connection.call(member.heartbeat(), HEARTBEAT_VERSION);
                ErrorCode heartbeatError = ErrorCode.forCode(heartbeat.errorCode());
                if (heartbeatError == ErrorCode.REBALANCE_IN_PROGRESS) {
                    settledGeneration.set(index, 0);
                    break;
                }
                check(heartbeatError, "Heartbeat", groupId);
                settledGeneration.set(index, generation);
                if (formed.isDone()) {
                    formed.join();
                    return member;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(FORMATION_HEARTBEAT_MS));
            }
        }
    }

    private static void check(ErrorCode error, String api, String groupId) {
        if (error.isError()) {
            throw new IllegalStateException(api + " of group " + groupId + " failed: " + error);
        }
    }

    private static JoinGroupRequest join(String groupId, String memberId, int sessionTimeoutMs) {
        return new JoinGroupRequest()
            .setGroupId(groupId)
            .setMemberId(memberId)
            .setSessionTimeoutMs(sessionTimeoutMs)
            .setRebalanceTimeoutMs(sessionTimeoutMs)
            .setProtocolType(PROTOCOL_TYPE)
            .setProtocols(List.of(new JoinGroupRequest.JoinGroupRequestProtocol().setName(PROTOCOL_NAME).setMetadata(new byte[0])));
    }

    /** The leader assigns every member an empty assignment; followers send none. */
    private static SyncGroupRequest sync(String groupId, String memberId, int generation, JoinGroupResponse join) {
        List<SyncGroupRequest.SyncGroupRequestAssignment> assignments = new ArrayList<>();
        if (join.leader().equals(memberId)) {
            for (JoinGroupResponse.JoinGroupResponseMember member : join.members()) {
                assignments.add(new SyncGroupRequest.SyncGroupRequestAssignment().setMemberId(member.memberId())
                    .setAssignment(new byte[0]));
            }
        }
        return new SyncGroupRequest().setGroupId(groupId).setMemberId(memberId).setGenerationId(generation)
            .setProtocolType(PROTOCOL_TYPE).setProtocolName(PROTOCOL_NAME).setAssignments(assignments);
    }
}
