package io.samsa.coordinator.consumer;

import io.samsa.protocol.ErrorCode;
import java.util.Objects;

/**
 * A ConsumerGroupHeartbeat response in domain terms. Immutable; thread-safe.
 *
 * @param error               NONE or why the heartbeat was refused
 * @param errorMessage        a human-readable reason, or null
 * @param memberId            the member id, or null on an error
 * @param memberEpoch         the epoch the member must send next
 * @param heartbeatIntervalMs how often the member should heartbeat, in ms
 * @param assignment          the partitions the member owns from now on, or null when unchanged
 */
public record ConsumerGroupHeartbeatResponse(ErrorCode error, String errorMessage, String memberId, int memberEpoch,
                                             int heartbeatIntervalMs, Assignment assignment) {
    public ConsumerGroupHeartbeatResponse {
        Objects.requireNonNull(error, "error");
    }

    public static ConsumerGroupHeartbeatResponse failed(ErrorCode error, String message) {
        return new ConsumerGroupHeartbeatResponse(error, message, null, 0, 0, null);
    }
}
