package io.samsa.coordinator.classic;

import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Objects;

/** A LeaveGroup response in domain terms: a top-level error and one result per member. Immutable. */
public record LeaveGroupResult(ErrorCode error, List<MemberResult> members) {
    public LeaveGroupResult {
        Objects.requireNonNull(error, "error");
        members = List.copyOf(members);
    }

    public static LeaveGroupResult failed(ErrorCode error) {
        return new LeaveGroupResult(error, List.of());
    }

    public record MemberResult(String memberId, String groupInstanceId, ErrorCode error) {
    }
}
