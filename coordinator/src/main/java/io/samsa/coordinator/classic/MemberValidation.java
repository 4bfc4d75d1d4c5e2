package io.samsa.coordinator.classic;

import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.protocol.ErrorCode;

/**
 * The member check every classic-group request that names a member makes, KIP-345 fencing
 * included: an instance id must map to the member id (else UNKNOWN_MEMBER_ID when it maps to
 * nothing, FENCED_INSTANCE_ID when to another member), and the member must exist
 * (UNKNOWN_MEMBER_ID). Stateless; thread-safe.
 */
public final class MemberValidation {
    private MemberValidation() {
    }

    /** @param groupInstanceId null for dynamic members */
    public static ErrorCode validateMember(ClassicGroup group, String memberId, String groupInstanceId) {
        if (groupInstanceId != null) {
            String current = group.staticMemberId(groupInstanceId);
            if (current == null) {
                return ErrorCode.UNKNOWN_MEMBER_ID;
            }
            if (!current.equals(memberId)) {
                return ErrorCode.FENCED_INSTANCE_ID;
            }
        }
        return group.hasMember(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
    }
}
