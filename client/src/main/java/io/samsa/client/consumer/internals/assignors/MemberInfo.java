package io.samsa.client.consumer.internals.assignors;

import java.util.Optional;

/**
 * A member as the range and round-robin assignors order them: static members (with a
 * group.instance.id) first, ordered by instance id, then dynamic members by member id. Ordering by
 * instance id keeps a static member's partitions when its member id changes on restart. Immutable.
 *
 * @param memberId        the member id given by the coordinator
 * @param groupInstanceId the static instance id, if any
 */
record MemberInfo(String memberId, Optional<String> groupInstanceId) implements Comparable<MemberInfo> {

    @Override
    public int compareTo(MemberInfo other) {
        if (groupInstanceId.isPresent() && other.groupInstanceId.isPresent()) {
            return groupInstanceId.get().compareTo(other.groupInstanceId.get());
        }
        if (groupInstanceId.isPresent()) {
            return -1;
        }
        if (other.groupInstanceId.isPresent()) {
            return 1;
        }
        return memberId.compareTo(other.memberId);
    }
}
