package io.samsa.client.consumer.internals;

import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.ConsumerGroupHeartbeatRequest;
import io.samsa.protocol.message.ConsumerGroupHeartbeatResponse;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread of a consumer-protocol (KIP-848) member: sends the ConsumerGroupHeartbeat
 * that {@link ConsumerProtocolMembership} says is due (on join, on an acknowledgement or
 * subscription change at once, else every heartbeat interval the broker gave), hands the answers
 * back to it, and leaves the group when the application has not polled within max.poll.interval.ms.
 * It never runs user code: reconciliation happens on the application thread.
 *
 * <p>Thread-safe: it only talks to the thread-safe membership and {@link GroupCoordinatorLink}.
 */
final class ConsumerProtocolHeartbeatThread extends BackgroundHeartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerProtocolHeartbeatThread.class);

    private final ConsumerProtocolMembership membership;
    private final long requestTimeoutMs;

    ConsumerProtocolHeartbeatThread(String clientId, ConsumerProtocolMembership membership, GroupCoordinatorLink link,
                                    long requestTimeoutMs) {
        super(clientId, link);
        this.membership = membership;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    @Override
    long timeToNextMs(long nowMs) {
        return membership.timeToNextHeartbeatMs(nowMs);
    }

    /** One round; package-visible for tests. */
    @Override
    void runOnce(long nowMs) {
        ConsumerGroupHeartbeatRequest leave = membership.leaveIfPollTimeoutExpired(nowMs);
        if (leave != null) {
            LOG.warn("consumer poll timeout has expired: the time between subsequent calls to poll() was longer than "
                + "max.poll.interval.ms; leaving the group");
            send(leave);
            return;
        }
        if (link.coordinator() == null) {
            return;
        }
        ConsumerGroupHeartbeatRequest heartbeat = membership.heartbeatIfDue(nowMs);
        if (heartbeat == null) {
            return;
        }
        send(heartbeat).whenComplete((response, error) -> {
            long doneMs = link.time().milliseconds();
            if (error != null) {
                membership.onHeartbeatFailure(WakeupTrigger.unwrap(error), doneMs);
                wakeUp();
                return;
            }
            if (membership.onHeartbeatResponse(response, doneMs) == ConsumerProtocolMembership.Outcome.COORDINATOR_LOST) {
                link.markUnknown("ConsumerGroupHeartbeat answered " + response.errorCode());
            }
            wakeUp();
        });
    }

    private CompletableFuture<ConsumerGroupHeartbeatResponse> send(ConsumerGroupHeartbeatRequest body) {
        int minVersion = body.subscribedTopicRegex() != null ? 1 : 0;
        ClientRequest request = ClientRequest.of(body, minVersion, ApiMessageType.CONSUMER_GROUP_HEARTBEAT.highestSupportedVersion());
        return link.send(request, ConsumerGroupHeartbeatResponse.class, requestTimeoutMs);
    }
}
