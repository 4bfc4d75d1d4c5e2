package io.samsa.client.consumer.internals;

import io.samsa.client.errors.Errors;
import io.samsa.client.errors.FencedInstanceIdException;
import io.samsa.client.errors.KafkaException;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.HeartbeatRequest;
import io.samsa.protocol.message.JoinGroupRequest;
import io.samsa.protocol.message.JoinGroupResponse;
import io.samsa.protocol.message.LeaveGroupRequest;
import io.samsa.protocol.message.SyncGroupRequest;
import io.samsa.protocol.message.SyncGroupResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classic group membership of one consumer as a sans-I/O state machine: it builds JoinGroup,
 * SyncGroup, Heartbeat and LeaveGroup bodies and digests their responses, with all time passed in
 * as {@code nowMs}. The caller does the I/O, runs the assignor when this member leads, and invokes
 * rebalance listeners.
 *
 * <pre>
 * UNJOINED --joinRequest--> JOINING --onJoinResponse(NONE)--> SYNCING --onSyncResponse(NONE)--> STABLE
 *    ^  (MEMBER_ID_REQUIRED, REBALANCE_IN_PROGRESS, UNKNOWN_MEMBER_ID, ... back to UNJOINED)     |
 *    +----------------- requestRejoin / heartbeat errors / leave -----------------------------+
 * </pre>
 * FENCED_INSTANCE_ID moves to FATAL, which no call leaves.
 *
 * <p>Thread-safe: the application thread, the heartbeat thread and the network thread all call in;
 * every method holds this object's monitor.
 */
public final class GroupMembership implements CommitMembership {
    public enum State { UNJOINED, JOINING, SYNCING, STABLE, FATAL }

    /** What the caller does after a JoinGroup response. */
    public enum JoinOutcome { LEAD, FOLLOW, REJOIN, COORDINATOR_LOST }

    /** What the caller does after a SyncGroup or Heartbeat response. */
    public enum Outcome { OK, REJOIN, COORDINATOR_LOST }

    /** A generation as seen by this member. */
    public record Generation(int generationId, String memberId, String protocolName) {
        public static final Generation NONE = new Generation(-1, "", null);
    }

    private final GroupSettings settings;
    private State state = State.UNJOINED;
    private Generation generation = Generation.NONE;
    private String leaderId;
    private List<JoinGroupResponse.JoinGroupResponseMember> members = List.of();
    private boolean rejoinNeeded = true;
    private String rejoinReason = "initial join";
    private boolean partitionsLost;
    private KafkaException fatalError;
    private boolean heartbeatInFlight;
    private long nextHeartbeatMs;
    private long lastHeartbeatAckMs;
    private long lastPollMs;

    public GroupMembership(GroupSettings settings, long nowMs) {
        this.settings = settings;
        this.lastPollMs = nowMs;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized Generation generation() {
        return generation;
    }

    /** The generation to commit with, or null while not Stable. */
    @Override
    public synchronized Generation generationIfStable() {
        return state == State.STABLE ? generation : null;
    }

    @Override
    public synchronized boolean rebalanceInProgress() {
        return state == State.JOINING || state == State.SYNCING;
    }

    public synchronized boolean needsJoin() {
        return state != State.FATAL && (state == State.UNJOINED || rejoinNeeded && state == State.STABLE);
    }

    public synchronized String rejoinReason() {
        return rejoinReason;
    }

    public synchronized boolean isLeader() {
        return leaderId != null && leaderId.equals(generation.memberId());
    }

    public synchronized List<JoinGroupResponse.JoinGroupResponseMember> members() {
        return members;
    }

    /** The fatal error, if the member was fenced; it can never rejoin. */
    public synchronized Optional<KafkaException> fatalError() {
        return Optional.ofNullable(fatalError);
    }

    /** Reads and clears the flag set when the generation was lost (the owned partitions are gone). */
    public synchronized boolean takePartitionsLost() {
        boolean lost = partitionsLost;
        partitionsLost = false;
        return lost;
    }

    /** Asks for a rejoin at the next poll (metadata or subscription change, enforceRebalance, ...). */
    @Override
    public synchronized void requestRejoin(String reason) {
        if (!rejoinNeeded) {
            rejoinReason = reason;
        }
        rejoinNeeded = true;
    }

    /** Starts a join with the given protocols (assignor name, Subscription bytes). */
    public synchronized JoinGroupRequest joinRequest(List<JoinGroupRequest.JoinGroupRequestProtocol> protocols) {
        checkNotFatal();
        state = State.JOINING;
        leaderId = null;
        members = List.of();
        JoinGroupRequest request = new JoinGroupRequest()
            .setGroupId(settings.groupId())
            .setSessionTimeoutMs(settings.sessionTimeoutMs())
            .setRebalanceTimeoutMs(settings.rebalanceTimeoutMs())
            .setMemberId(generation.memberId())
            .setGroupInstanceId(settings.groupInstanceId().orElse(null))
            .setProtocolType("consumer")
            .setProtocols(new ArrayList<>(protocols))
            .setReason(rejoinReason);
        rejoinNeeded = false;
        return request;
    }

    public synchronized JoinOutcome onJoinResponse(JoinGroupResponse response) {
        if (state != State.JOINING) {
            return JoinOutcome.REJOIN;
        }
        ErrorCode error = ErrorCode.forCode(response.errorCode());
        switch (error) {
            case NONE -> {
                generation = new Generation(response.generationId(), response.memberId(), response.protocolName());
                leaderId = response.leader();
                members = response.members();
                state = State.SYNCING;
                return isLeader() && !response.skipAssignment() ? JoinOutcome.LEAD : JoinOutcome.FOLLOW;
            }
            case MEMBER_ID_REQUIRED -> {
                generation = new Generation(-1, response.memberId(), null);
                return unjoined("member id assigned by the coordinator", JoinOutcome.REJOIN);
            }
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                resetGeneration(error == ErrorCode.UNKNOWN_MEMBER_ID);
                return unjoined("JoinGroup: " + error, JoinOutcome.REJOIN);
            }
            case REBALANCE_IN_PROGRESS -> {
                return unjoined("JoinGroup: " + error, JoinOutcome.REJOIN);
            }
            case COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR -> {
                return unjoined("JoinGroup: " + error, JoinOutcome.COORDINATOR_LOST);
            }
            case FENCED_INSTANCE_ID -> throw fence("JoinGroup");
            default -> {
                unjoined("JoinGroup failed", JoinOutcome.REJOIN);
                throw Errors.toException(error, "JoinGroup failed for group " + settings.groupId());
            }
        }
    }

    /** The SyncGroup body; the leader passes every member's Assignment bytes, followers an empty map. */
    public synchronized SyncGroupRequest syncRequest(Map<String, byte[]> assignments) {
        List<SyncGroupRequest.SyncGroupRequestAssignment> entries = new ArrayList<>();
        assignments.forEach((member, bytes) -> entries.add(
            new SyncGroupRequest.SyncGroupRequestAssignment().setMemberId(member).setAssignment(bytes)));
        return new SyncGroupRequest()
            .setGroupId(settings.groupId())
            .setGenerationId(generation.generationId())
            .setMemberId(generation.memberId())
            .setGroupInstanceId(settings.groupInstanceId().orElse(null))
            .setProtocolType("consumer")
            .setProtocolName(generation.protocolName())
            .setAssignments(entries);
    }

    /** On OK the member is Stable and the response's assignment bytes are its new assignment. */
    public synchronized Outcome onSyncResponse(SyncGroupResponse response, long nowMs) {
        if (state != State.SYNCING) {
            return Outcome.REJOIN;
        }
        ErrorCode error = ErrorCode.forCode(response.errorCode());
        switch (error) {
            case NONE -> {
                state = State.STABLE;
                members = List.of();
                heartbeatInFlight = false;
                lastHeartbeatAckMs = nowMs;
                nextHeartbeatMs = nowMs + settings.heartbeatIntervalMs();
                return Outcome.OK;
            }
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                resetGeneration(error == ErrorCode.UNKNOWN_MEMBER_ID);
                return unjoined("SyncGroup: " + error, Outcome.REJOIN);
            }
            case REBALANCE_IN_PROGRESS -> {
                return unjoined("SyncGroup: " + error, Outcome.REJOIN);
            }
            case COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR -> {
                return unjoined("SyncGroup: " + error, Outcome.COORDINATOR_LOST);
            }
            case FENCED_INSTANCE_ID -> throw fence("SyncGroup");
            default -> {
                unjoined("SyncGroup failed", Outcome.REJOIN);
                throw Errors.toException(error, "SyncGroup failed for group " + settings.groupId());
            }
        }
    }

    /** A join or sync request failed on the wire (timeout, disconnect): join again. */
    public synchronized void onJoinOrSyncFailure() {
        if (state == State.JOINING || state == State.SYNCING) {
            unjoined("JoinGroup/SyncGroup request failed", null);
        }
    }

    /** Milliseconds until a heartbeat is due (Long.MAX_VALUE when none is sent in this state). */
    public synchronized long timeToNextHeartbeatMs(long nowMs) {
        if (state != State.STABLE || heartbeatInFlight) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, nextHeartbeatMs - nowMs);
    }

    /** A heartbeat body when one is due, else null. */
    public synchronized HeartbeatRequest heartbeatIfDue(long nowMs) {
        if (timeToNextHeartbeatMs(nowMs) > 0) {
            return null;
        }
        heartbeatInFlight = true;
        nextHeartbeatMs = nowMs + settings.heartbeatIntervalMs();
        return new HeartbeatRequest()
            .setGroupId(settings.groupId())
            .setGenerationId(generation.generationId())
            .setMemberId(generation.memberId())
            .setGroupInstanceId(settings.groupInstanceId().orElse(null));
    }

    public synchronized Outcome onHeartbeatResponse(ErrorCode error, long nowMs) {
        heartbeatInFlight = false;
        if (state == State.FATAL) {
            return Outcome.OK;
        }
        switch (error) {
            case NONE -> {
                lastHeartbeatAckMs = nowMs;
                return Outcome.OK;
            }
            case REBALANCE_IN_PROGRESS -> {
                if (state == State.STABLE) {
                    requestRejoin("group is rebalancing");
                }
                return Outcome.REJOIN;
            }
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                resetGeneration(error == ErrorCode.UNKNOWN_MEMBER_ID);
                return unjoined("Heartbeat: " + error, Outcome.REJOIN);
            }
            case COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR -> {
                nextHeartbeatMs = nowMs + settings.retryBackoffMs();
                return Outcome.COORDINATOR_LOST;
            }
            case FENCED_INSTANCE_ID -> {
                fatalError = new FencedInstanceIdException("group.instance.id " + settings.groupInstanceId().orElse("")
                    + " was fenced by another member (Heartbeat)");
                state = State.FATAL;
                return Outcome.REJOIN;
            }
            default -> {
                nextHeartbeatMs = nowMs + settings.retryBackoffMs();
                return Outcome.OK;
            }
        }
    }

    /** A heartbeat was lost on the wire: retry after the backoff. */
    public synchronized void onHeartbeatFailure(long nowMs) {
        heartbeatInFlight = false;
        nextHeartbeatMs = nowMs + settings.retryBackoffMs();
    }

    /** True when no heartbeat was acknowledged within the session timeout (the coordinator is presumed lost). */
    public synchronized boolean sessionExpired(long nowMs) {
        return state == State.STABLE && nowMs - lastHeartbeatAckMs > settings.sessionTimeoutMs();
    }

    /** Resets the session clock after finding a coordinator again. */
    public synchronized void onCoordinatorFound(long nowMs) {
        lastHeartbeatAckMs = nowMs;
        heartbeatInFlight = false;
    }

    /** The application polled. */
    public synchronized void onPoll(long nowMs) {
        lastPollMs = nowMs;
    }

    /** Whether max.poll.interval.ms passed since the last poll while the member is in the group. */
    public synchronized boolean pollTimeoutExpired(long nowMs) {
        return state != State.UNJOINED && state != State.FATAL && nowMs - lastPollMs > settings.rebalanceTimeoutMs();
    }

    /**
     * Leaves the group: resets the generation and returns the LeaveGroup body to send, or null when
     * nothing is sent (never joined, or a static member, which keeps its place until the session ends).
     */
    public synchronized LeaveGroupRequest leave(String reason) {
        boolean send = !generation.memberId().isEmpty() && settings.groupInstanceId().isEmpty() && state != State.FATAL;
        String memberId = generation.memberId();
        LeaveGroupRequest request = !send ? null : new LeaveGroupRequest()
            .setGroupId(settings.groupId())
            .setMemberId(memberId)
            .setMembers(new ArrayList<>(List.of(new LeaveGroupRequest.MemberIdentity().setMemberId(memberId).setReason(reason))));
        if (state != State.FATAL) {
            partitionsLost = generation.generationId() >= 0;
            generation = Generation.NONE;
            state = State.UNJOINED;
            rejoinNeeded = true;
            rejoinReason = "rejoin after leaving: " + reason;
        }
        return request;
    }

    /** A commit was answered UNKNOWN_MEMBER_ID or ILLEGAL_GENERATION: the generation is gone; rejoin. */
    @Override
    public synchronized void resetOnError(ErrorCode error) {
        if (state == State.FATAL) {
            return;
        }
        resetGeneration(error == ErrorCode.UNKNOWN_MEMBER_ID);
        unjoined("commit answered " + error, null);
    }

    private void resetGeneration(boolean forgetMemberId) {
        generation = new Generation(-1, forgetMemberId ? "" : generation.memberId(), null);
        partitionsLost = true;
    }

    private <T> T unjoined(String reason, T outcome) {
        state = State.UNJOINED;
        rejoinNeeded = true;
        rejoinReason = reason;
        return outcome;
    }

    private FencedInstanceIdException fence(String api) {
        state = State.FATAL;
        fatalError = new FencedInstanceIdException("group.instance.id " + settings.groupInstanceId().orElse("")
            + " was fenced by another member (" + api + ")");
        return (FencedInstanceIdException) fatalError;
    }

    private void checkNotFatal() {
        if (fatalError != null) {
            throw fatalError;
        }
    }
}
