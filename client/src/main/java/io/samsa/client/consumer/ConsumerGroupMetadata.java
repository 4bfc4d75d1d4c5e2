package io.samsa.client.consumer;

import java.util.Objects;
import java.util.Optional;

/**
 * The consumer's view of its group membership: group id, generation, member id and optional
 * static instance id. Passed to assignors' {@code onAssignment} and to transactional producers.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class ConsumerGroupMetadata {
    /** The generation before any successful join. */
    public static final int UNKNOWN_GENERATION_ID = -1;
    /** The member id before any successful join. */
    public static final String UNKNOWN_MEMBER_ID = "";

    private final String groupId;
    private final int generationId;
    private final String memberId;
    private final Optional<String> groupInstanceId;

    public ConsumerGroupMetadata(String groupId, int generationId, String memberId, Optional<String> groupInstanceId) {
        this.groupId = Objects.requireNonNull(groupId, "group.id can't be null");
        this.generationId = generationId;
        this.memberId = Objects.requireNonNull(memberId, "member.id can't be null");
        this.groupInstanceId = Objects.requireNonNull(groupInstanceId, "group.instance.id can't be null");
    }

    public ConsumerGroupMetadata(String groupId) {
        this(groupId, UNKNOWN_GENERATION_ID, UNKNOWN_MEMBER_ID, Optional.empty());
    }

    public String groupId() {
        return groupId;
    }

    public int generationId() {
        return generationId;
    }

    public String memberId() {
        return memberId;
    }

    public Optional<String> groupInstanceId() {
        return groupInstanceId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConsumerGroupMetadata)) {
            return false;
        }
        ConsumerGroupMetadata other = (ConsumerGroupMetadata) o;
        return generationId == other.generationId && groupId.equals(other.groupId) && memberId.equals(other.memberId)
            && groupInstanceId.equals(other.groupInstanceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groupId, generationId, memberId, groupInstanceId);
    }

    @Override
    public String toString() {
        return String.format("GroupMetadata(groupId = %s, generationId = %d, memberId = %s, groupInstanceId = %s)",
            groupId, generationId, memberId, groupInstanceId.orElse(""));
    }
}
