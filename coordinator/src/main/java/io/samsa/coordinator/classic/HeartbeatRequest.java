package io.samsa.coordinator.classic;

import java.util.Objects;

/** A Heartbeat request in domain terms; the response is just an error code. Immutable. */
public record HeartbeatRequest(String groupId, String memberId, String groupInstanceId, int generationId) {
    public HeartbeatRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
    }
}
