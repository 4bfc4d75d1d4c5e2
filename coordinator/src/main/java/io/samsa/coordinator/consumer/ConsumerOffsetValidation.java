package io.samsa.coordinator.consumer;

import io.samsa.protocol.ErrorCode;

/**
 * Who may commit and fetch offsets of a consumer group, as Kafka's {@code ConsumerGroup}
 * validates them:
 * <ul>
 * <li>Commit: a negative epoch (an admin client or a standalone consumer) only while the group is
 *     empty; otherwise the member must exist (UNKNOWN_MEMBER_ID), use OffsetCommit v9+
 *     (UNSUPPORTED_VERSION) and send its current epoch, else STALE_MEMBER_EPOCH (the member retries
 *     once its heartbeat returned the current epoch). A classic-protocol member (online migration)
 *     commits at any version with its generation, which is its member epoch, else ILLEGAL_GENERATION.</li>
 * <li>Fetch: without a member id and with a negative epoch (admin clients, older consumers)
 *     always; otherwise the same member and epoch checks.</li>
 * </ul>
 * Stateless; thread-safe.
 */
public final class ConsumerOffsetValidation {
    /** The first OffsetCommit version consumer-protocol members may use. */
    public static final short FIRST_MEMBER_EPOCH_COMMIT_VERSION = 9;

    private ConsumerOffsetValidation() {
    }

    public static ErrorCode validateCommit(ConsumerGroup group, String memberId, int memberEpoch, short apiVersion) {
        if (memberEpoch < 0 && group.isEmpty()) {
            return ErrorCode.NONE;
        }
        ConsumerGroupMember member = memberId == null ? null : group.member(memberId);
        if (member == null) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        if (member.usesClassicProtocol()) {
            return memberEpoch == member.memberEpoch() ? ErrorCode.NONE : ErrorCode.ILLEGAL_GENERATION;
        }
        if (apiVersion < FIRST_MEMBER_EPOCH_COMMIT_VERSION) {
            return ErrorCode.UNSUPPORTED_VERSION;
        }
        return validateEpoch(memberEpoch, member.memberEpoch());
    }

    /** @param memberId null when the request names no member (OffsetFetch before v9) */
    public static ErrorCode validateFetch(ConsumerGroup group, String memberId, int memberEpoch) {
        if (memberId == null && memberEpoch < 0) {
            return ErrorCode.NONE;
        }
        ConsumerGroupMember member = memberId == null ? null : group.member(memberId);
        if (member == null) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        return validateEpoch(memberEpoch, member.memberEpoch());
    }

    private static ErrorCode validateEpoch(int received, int expected) {
        return received == expected ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH;
    }
}
