package io.samsa.coordinator.admin;

import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * A ListGroups response in domain terms. Immutable; thread-safe.
 *
 * @param error  NONE, or the error of a partition that could not be listed (its groups are missing)
 * @param groups the groups of every partition that could be listed
 */
public record ListGroupsResponse(ErrorCode error, List<Listing> groups) {
    public ListGroupsResponse {
        Objects.requireNonNull(error, "error");
        groups = List.copyOf(groups);
    }

    /**
     * @param protocolType "" when none
     * @param state        Kafka's state name, e.g. "Stable"
     * @param groupType    always "classic" for now
     */
    public record Listing(String groupId, String protocolType, String state, String groupType) {
    }
}
