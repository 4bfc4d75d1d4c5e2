package io.samsa.coordinator.admin;

import io.samsa.coordinator.GroupCoordinatorShard;
import io.samsa.coordinator.group.ClassicGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * ListGroups on one shard: every classic group plus every offsets-only group, filtered by state and
 * type, sorted by group id. A read. Stateless; thread-safe.
 */
public final class ListGroupsHandler {
    /** The type Kafka reports for JoinGroup/SyncGroup groups. */
    public static final String CLASSIC_GROUP_TYPE = "classic";

    public List<ListGroupsResponse.Listing> list(GroupCoordinatorShard shard, ListGroupsRequest request) {
        Set<String> states = lowerCase(request.statesFilter());
        Set<String> types = lowerCase(request.typesFilter());
        List<ListGroupsResponse.Listing> listings = new ArrayList<>();
        if (!types.isEmpty() && !types.contains(CLASSIC_GROUP_TYPE)) {
            return listings;
        }
        TreeSet<String> groupIds = new TreeSet<>(shard.offsets().groupIds());
        for (ClassicGroup group : shard.groups().groups()) {
            groupIds.add(group.groupId());
        }
        for (String groupId : groupIds) {
            ClassicGroup group = GroupView.find(shard, groupId);
            String state = group.state().displayName();
            if (states.isEmpty() || states.contains(state.toLowerCase(Locale.ROOT))) {
                listings.add(new ListGroupsResponse.Listing(groupId, group.protocolType() == null ? "" : group.protocolType(),
                        state, CLASSIC_GROUP_TYPE));
            }
        }
        return listings;
    }

    private static Set<String> lowerCase(Set<String> values) {
        Set<String> lower = new TreeSet<>();
        for (String value : values) {
            lower.add(value.toLowerCase(Locale.ROOT));
        }
        return lower;
    }
}
