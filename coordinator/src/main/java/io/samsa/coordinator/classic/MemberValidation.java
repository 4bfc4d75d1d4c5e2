package io.samsa.coordinator.classic;

import io.samsa.coordinator.CoordinatorError;
import io.samsa.coordinator.group.ClassicGroup;

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
    public static CoordinatorError validateMember(ClassicGroup group, String memberId, String groupInstanceId) {
        if (groupInstanceId != null) {
            String current = group.staticMemberId(groupInstanceId);
            if (current == null) {
                return CoordinatorError.UNKNOWN_MEMBER_ID;
            }
            if (!current.equals(memberId)) {
                return CoordinatorError.FENCED_INSTANCE_ID;
            }
        }
        return group.hasMember(memberId) ? CoordinatorError.NONE : CoordinatorError.UNKNOWN_MEMBER_ID;
    }
}
