package io.samsa.coordinator.classic;

import java.util.List;
import java.util.Objects;

/** A LeaveGroup request in domain terms (v0 to v2 carry one member; v3+ a batch). Immutable. */
public record LeaveGroupRequest(String groupId, List<LeavingMember> members) {
    public LeaveGroupRequest {
        Objects.requireNonNull(groupId, "groupId");
        members = List.copyOf(members);
    }

    /**
     * @param memberId        may be "" for a static member named by its instance id
     * @param groupInstanceId null for dynamic members
     */
    public record LeavingMember(String memberId, String groupInstanceId) {
        public LeavingMember {
            Objects.requireNonNull(memberId, "memberId");
        }
    }
}
