package io.samsa.coordinator.classic;

import com.google.protobuf.ByteString;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * A JoinGroup response in domain terms. Immutable; thread-safe.
 *
 * @param memberId       the member's id (also set with MEMBER_ID_REQUIRED)
 * @param skipAssignment v9+: the leader must not assign (a static leader was replaced)
 * @param members        only for the leader: every member with its metadata for the chosen protocol
 */
public record JoinGroupResult(ErrorCode error, int generationId, String protocolType, String protocolName,
                              String leaderId, String memberId, boolean skipAssignment, List<Member> members) {
    /** The generation reported with errors. */
    public static final int NO_GENERATION = -1;

    public JoinGroupResult {
        Objects.requireNonNull(error, "error");
        members = List.copyOf(members);
    }

    /** @return an error response, keeping the member id the client sent */
    public static JoinGroupResult failed(ErrorCode error, String memberId) {
        return new JoinGroupResult(error, NO_GENERATION, null, null, "", memberId, false, List.of());
    }

    /** @param groupInstanceId null for dynamic members */
    public record Member(String memberId, String groupInstanceId, ByteString metadata) {
    }
}
