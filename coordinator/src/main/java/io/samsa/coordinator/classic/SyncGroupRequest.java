package io.samsa.coordinator.classic;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.Objects;

/**
 * A SyncGroup request in domain terms. Immutable; thread-safe.
 *
 * @param protocolType null unless sent (v5+); must then equal the group's
 * @param protocolName null unless sent (v5+); must then equal the group's
 * @param assignments  the leader's assignment per member id; empty from followers
 */
public record SyncGroupRequest(String groupId, String memberId, String groupInstanceId, int generationId,
                               String protocolType, String protocolName, Map<String, ByteString> assignments) {
    public SyncGroupRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        assignments = Map.copyOf(assignments);
    }
}
