package io.samsa.coordinator.admin;

import com.google.protobuf.ByteString;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * One group of a DescribeGroups response in domain terms. Immutable; thread-safe.
 *
 * @param error        NONE, GROUP_ID_NOT_FOUND (v6+ for unknown groups) or a coordinator error
 * @param state        Kafka's state name; "Dead" for an unknown group before v6
 * @param protocolType "" when none
 * @param protocolName the chosen protocol, only in Stable; "" otherwise
 * @param members      in join order; metadata and assignment are empty unless Stable
 */
public record DescribedGroup(String groupId, ErrorCode error, String state, String protocolType,
                             String protocolName, List<Member> members) {
    public DescribedGroup {
        Objects.requireNonNull(error, "error");
        members = List.copyOf(members);
    }

    /** @return the description of a group that could not be described */
    public static DescribedGroup failed(String groupId, ErrorCode error) {
        return new DescribedGroup(groupId, error, "", "", "", List.of());
    }

    /**
     * @param groupInstanceId null for dynamic members
     * @param metadata        the member's metadata for the chosen protocol
     */
    public record Member(String memberId, String groupInstanceId, String clientId, String clientHost,
                         ByteString metadata, ByteString assignment) {
    }
}
