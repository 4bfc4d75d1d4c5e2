package io.samsa.client.consumer.internals;

import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.HeartbeatRequest;
import io.samsa.protocol.message.HeartbeatResponse;
import io.samsa.protocol.message.LeaveGroupRequest;
import io.samsa.protocol.message.LeaveGroupResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread that keeps a Stable member alive: sends a Heartbeat every
 * heartbeat.interval.ms, forgets the coordinator when the session lapses without an answer, and
 * leaves the group (LeaveGroup, except for static members) when the application has not polled
 * within max.poll.interval.ms, so the next commit fails with CommitFailedException.
 *
 * <p>Thread-safe: it only talks to the thread-safe {@link GroupMembership} and {@link GroupCoordinatorLink}.
 */
final class HeartbeatThread extends BackgroundHeartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatThread.class);

    private final GroupMembership membership;
    private final long requestTimeoutMs;

    HeartbeatThread(String clientId, GroupMembership membership, GroupCoordinatorLink link, long requestTimeoutMs) {
        super(clientId, link);
        this.membership = membership;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    @Override
    long timeToNextMs(long nowMs) {
        return membership.timeToNextHeartbeatMs(nowMs);
    }

    /** One round of checks; package-visible for tests. */
    @Override
    void runOnce(long nowMs) {
        if (membership.state() != GroupMembership.State.STABLE) {
            return;
        }
        if (membership.pollTimeoutExpired(nowMs)) {
            LOG.warn("consumer poll timeout has expired: the time between subsequent calls to poll() was longer than "
                + "max.poll.interval.ms; leaving the group");
            LeaveGroupRequest leave = membership.leave("consumer poll timeout has expired");
            if (leave != null) {
                link.send(ClientRequest.of(leave), LeaveGroupResponse.class, requestTimeoutMs);
            }
            return;
        }
        if (link.coordinator() == null) {
            return;
        }
        if (membership.sessionExpired(nowMs)) {
            link.markUnknown("session timed out without a heartbeat response");
            return;
        }
        HeartbeatRequest heartbeat = membership.heartbeatIfDue(nowMs);
        if (heartbeat == null) {
            return;
        }
        link.send(ClientRequest.of(heartbeat), HeartbeatResponse.class, requestTimeoutMs).whenComplete((response, error) -> {
            long doneMs = link.time().milliseconds();
            if (error != null) {
                membership.onHeartbeatFailure(doneMs);
                return;
            }
            GroupMembership.Outcome outcome = membership.onHeartbeatResponse(ErrorCode.forCode(response.errorCode()), doneMs);
            if (outcome == GroupMembership.Outcome.COORDINATOR_LOST) {
                link.markUnknown("Heartbeat answered " + ErrorCode.forCode(response.errorCode()));
            }
        });
    }
}
