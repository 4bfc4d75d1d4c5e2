package io.samsa.coordinator.admin;

import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ConsumerSubscriptions;
import io.samsa.coordinator.offsets.OffsetsContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * ListGroups on one shard: every classic group, every offsets-only group (type "classic") and every
 * consumer group (type "consumer", KIP-848), filtered by state and type, sorted by group id. A read. Stateless; thread-safe.
 */
public final class ListGroupsHandler {
    /** The type Kafka reports for JoinGroup/SyncGroup groups. */
    public static final String CLASSIC_GROUP_TYPE = "classic";
    /** The type Kafka reports for ConsumerGroupHeartbeat (KIP-848) groups. */
    public static final String CONSUMER_GROUP_TYPE = "consumer";

    public List<ListGroupsResponse.Listing> list(OffsetsContext shard, ListGroupsRequest request) {
        Set<String> states = lowerCase(request.statesFilter());
        Set<String> types = lowerCase(request.typesFilter());
        List<ListGroupsResponse.Listing> listings = new ArrayList<>();
        if (types.isEmpty() || types.contains(CLASSIC_GROUP_TYPE)) {
            TreeSet<String> groupIds = new TreeSet<>(shard.offsets().groupIds());
            for (ClassicGroup group : shard.groups().groups()) {
                groupIds.add(group.groupId());
            }
            for (String groupId : groupIds) {
                ClassicGroup group = GroupView.find(shard, groupId);
                if (group != null) {
                    add(listings, states, groupId, group.protocolType() == null ? "" : group.protocolType(),
                            group.state().displayName(), CLASSIC_GROUP_TYPE);
                }
            }
        }
        if (types.isEmpty() || types.contains(CONSUMER_GROUP_TYPE)) {
            for (ConsumerGroup group : shard.consumerGroups().groups()) {
                add(listings, states, group.groupId(), ConsumerSubscriptions.CONSUMER_PROTOCOL_TYPE, group.state().displayName(),
                        CONSUMER_GROUP_TYPE);
            }
        }
        listings.sort(Comparator.comparing(ListGroupsResponse.Listing::groupId));
        return listings;
    }

    private static void add(List<ListGroupsResponse.Listing> listings, Set<String> states, String groupId, String protocolType,
                            String state, String type) {
        if (states.isEmpty() || states.contains(state.toLowerCase(Locale.ROOT))) {
            listings.add(new ListGroupsResponse.Listing(groupId, protocolType, state, type));
        }
    }

    private static Set<String> lowerCase(Set<String> values) {
        Set<String> lower = new TreeSet<>();
        for (String value : values) {
            lower.add(value.toLowerCase(Locale.ROOT));
        }
        return lower;
    }
}
