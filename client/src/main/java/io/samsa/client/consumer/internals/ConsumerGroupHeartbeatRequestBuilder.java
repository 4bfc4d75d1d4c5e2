package io.samsa.client.consumer.internals;

import io.samsa.protocol.message.ConsumerGroupHeartbeatRequest;
import java.util.ArrayList;
import java.util.SortedSet;

/**
 * Builds ConsumerGroupHeartbeat bodies as KIP-848 asks: every field on a join (epoch 0) and after
 * any error or failed request, and afterwards only the fields that changed since the last request
 * sent (null meaning "unchanged"), so a steady member's heartbeat is a few bytes.
 *
 * <p>Fields: group id, member id, member epoch and instance id are always sent; rack, rebalance
 * timeout and server assignor only in a full request; subscribed topic names (or regex) and owned
 * topic partitions when they changed.
 *
 * <p>Not thread-safe: {@link ConsumerProtocolMembership} calls it under its monitor.
 */
final class ConsumerGroupHeartbeatRequestBuilder {
    private final ConsumerProtocolSettings settings;
    private boolean sentFull;
    private SortedSet<String> sentTopics;
    private String sentRegex;
    private MemberAssignment sentOwned;

    ConsumerGroupHeartbeatRequestBuilder(ConsumerProtocolSettings settings) {
        this.settings = settings;
    }

    /** The next request carries every field again. */
    void reset() {
        sentFull = false;
        sentTopics = null;
        sentRegex = null;
        sentOwned = null;
    }

    /**
     * The body for the member's current view.
     *
     * @param topics the subscribed topic names (null with a regex subscription)
     * @param regex  the broker-side RE2/J subscription, or null
     * @param owned  the partitions the member owns (acknowledged with this request)
     */
    ConsumerGroupHeartbeatRequest build(String memberId, int memberEpoch, SortedSet<String> topics, String regex,
                                        MemberAssignment owned) {
        boolean full = !sentFull || memberEpoch == 0;
        ConsumerGroupHeartbeatRequest body = new ConsumerGroupHeartbeatRequest()
            .setGroupId(settings.group().groupId())
            .setMemberId(memberId)
            .setMemberEpoch(memberEpoch)
            .setInstanceId(settings.group().groupInstanceId().orElse(null));
        if (full) {
            body.setRackId(settings.rackId().orElse(null))
                .setRebalanceTimeoutMs(settings.group().rebalanceTimeoutMs())
                .setServerAssignor(settings.serverAssignor().orElse(null));
        }
        if (regex != null) {
            if (full || !regex.equals(sentRegex)) {
                body.setSubscribedTopicRegex(regex);
            }
        } else if (topics != null && (full || !topics.equals(sentTopics))) {
            body.setSubscribedTopicNames(new ArrayList<>(topics));
        }
        if (full || !owned.equals(sentOwned)) {
            body.setTopicPartitions(owned.toRequest());
        }
        sentFull = true;
        sentTopics = topics;
        sentRegex = regex;
        sentOwned = owned;
        return body;
    }

    /** The body that leaves the group: epoch -1, or -2 for a static member (which keeps its partitions for a while). */
    ConsumerGroupHeartbeatRequest leave(String memberId) {
        boolean isStatic = settings.group().groupInstanceId().isPresent();
        return new ConsumerGroupHeartbeatRequest()
            .setGroupId(settings.group().groupId())
            .setMemberId(memberId)
            .setMemberEpoch(isStatic ? -2 : -1)
            .setInstanceId(settings.group().groupInstanceId().orElse(null));
    }
}
