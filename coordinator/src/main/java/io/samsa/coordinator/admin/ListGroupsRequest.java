package io.samsa.coordinator.admin;

import java.util.Set;

/**
 * A ListGroups request in domain terms. Immutable; thread-safe.
 *
 * @param statesFilter state names to keep, compared case-insensitively (v4+); empty keeps all
 * @param typesFilter  group types to keep, compared case-insensitively (v5+); empty keeps all.
 *                     Groups are of type "classic" or "consumer".
 */
public record ListGroupsRequest(Set<String> statesFilter, Set<String> typesFilter) {
    public ListGroupsRequest {
        statesFilter = Set.copyOf(statesFilter);
        typesFilter = Set.copyOf(typesFilter);
    }

    /** @return a request without filters */
    public static ListGroupsRequest all() {
        return new ListGroupsRequest(Set.of(), Set.of());
    }
}
