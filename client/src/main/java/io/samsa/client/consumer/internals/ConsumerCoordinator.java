package io.samsa.client.consumer.internals;

import io.samsa.client.common.Cluster;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerGroupMetadata;
import io.samsa.client.consumer.ConsumerPartitionAssignor;
import io.samsa.client.consumer.ConsumerPartitionAssignor.Assignment;
import io.samsa.client.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import io.samsa.client.consumer.ConsumerPartitionAssignor.Subscription;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.RetriableException;
import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.client.internals.metadata.MetadataSnapshot;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.client.internals.network.NodeApiVersions;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.JoinGroupRequest;
import io.samsa.protocol.message.JoinGroupResponse;
import io.samsa.protocol.message.LeaveGroupRequest;
import io.samsa.protocol.message.LeaveGroupResponse;
import io.samsa.protocol.message.SyncGroupRequest;
import io.samsa.protocol.message.SyncGroupResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the classic group protocol for a subscribed consumer on the application thread: finds the
 * coordinator, runs JoinGroup/SyncGroup through {@link GroupMembership}, runs the chosen assignor
 * when this member leads, installs assignments and calls the rebalance listener in Kafka's order
 * (revoked before assigned; lost when the generation was lost), eager or cooperative. Pending
 * JoinGroup/SyncGroup futures survive a poll that times out, so a long rebalance spans polls.
 *
 * <p>Not thread-safe: application thread only (the heartbeat thread works on the membership directly).
 */
public final class ConsumerCoordinator implements GroupMember {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerCoordinator.class);
    /** Client-side wait for a JoinGroup beyond the rebalance timeout, as Kafka's. */
    private static final long JOIN_EXTRA_WAIT_MS = 5_000;

    private final GroupSettings settings;
    private final GroupMembership membership;
    private final GroupCoordinatorLink link;
    private final ClusterMetadata metadata;
    private final SubscriptionState subscriptions;
    private final OffsetCommitter committer;
    private final List<ConsumerPartitionAssignor> assignors;
    private final RebalanceProtocol protocol;
    private final Optional<String> rackId;
    private final ConsumerMetrics metrics;
    private final WakeupTrigger trigger;
    private final boolean autoCommit;
    private final long requestTimeoutMs;
    private final HeartbeatThread heartbeat;
    private CompletableFuture<JoinGroupResponse> pendingJoin;
    private CompletableFuture<SyncGroupResponse> pendingSync;
    private boolean joinPrepared;
    private long rebalanceStartMs = -1;
    private Set<String> joinedSubscription = Set.of();
    private Map<String, Integer> assignedTopicPartitionCounts = Map.of();

    public ConsumerCoordinator(String clientId, GroupSettings settings, GroupMembership membership, GroupCoordinatorLink link,
                               ClusterMetadata metadata, SubscriptionState subscriptions, OffsetCommitter committer,
                               List<ConsumerPartitionAssignor> assignors, Optional<String> rackId, ConsumerMetrics metrics,
                               WakeupTrigger trigger, boolean autoCommit, long requestTimeoutMs) {
        this.settings = settings;
        this.membership = membership;
        this.link = link;
        this.metadata = metadata;
        this.subscriptions = subscriptions;
        this.committer = committer;
        this.assignors = assignors;
        this.protocol = commonProtocol(assignors);
        this.rackId = rackId;
        this.metrics = metrics;
        this.trigger = trigger;
        this.autoCommit = autoCommit;
        this.requestTimeoutMs = requestTimeoutMs;
        this.heartbeat = new HeartbeatThread(clientId, membership, link, requestTimeoutMs);
        this.heartbeat.start();
    }

    /** COOPERATIVE when every configured assignor supports it, else EAGER (as Kafka chooses). */
    static RebalanceProtocol commonProtocol(List<ConsumerPartitionAssignor> assignors) {
        boolean cooperative = assignors.stream().allMatch(a -> a.supportedProtocols().contains(RebalanceProtocol.COOPERATIVE));
        return cooperative ? RebalanceProtocol.COOPERATIVE : RebalanceProtocol.EAGER;
    }

    public RebalanceProtocol protocol() {
        return protocol;
    }

    public GroupMembership membership() {
        return membership;
    }

    @Override
    public ConsumerGroupMetadata groupMetadata() {
        GroupMembership.Generation generation = membership.generation();
        return new ConsumerGroupMetadata(settings.groupId(), generation.generationId(), generation.memberId(),
            settings.groupInstanceId());
    }

    /**
     * Brings the membership up to date: handles lost partitions, rejoins on subscription or metadata
     * changes, and joins until Stable or {@code deadlineMs}.
     *
     * @return whether the member is Stable with its assignment installed
     */
    @Override
    public boolean poll(long nowMs, long deadlineMs) {
        membership.onPoll(nowMs);
        membership.fatalError().ifPresent(e -> {
            throw e;
        });
        if (!subscriptions.hasAutoAssignedPartitions()) {
            return true;
        }
        if (membership.takePartitionsLost()) {
            onPartitionsLost();
        }
        if (membership.state() == GroupMembership.State.STABLE) {
            maybeRequestRejoinOnChange();
        }
        if (!link.ensureReady(deadlineMs, trigger)) {
            return false;
        }
        return joinGroupIfNeeded(deadlineMs);
    }

    private void maybeRequestRejoinOnChange() {
        if (!joinedSubscription.equals(subscriptions.subscription())) {
            membership.requestRejoin("subscription changed");
        } else if (membership.isLeader() || !assignedTopicPartitionCounts.isEmpty()) {
            Cluster cluster = metadata.snapshot().cluster();
            for (Map.Entry<String, Integer> entry : assignedTopicPartitionCounts.entrySet()) {
                if (partitionCount(cluster, entry.getKey()) != entry.getValue()) {
                    membership.requestRejoin("partitions of " + entry.getKey() + " changed");
                    break;
                }
            }
        }
    }

    private boolean joinGroupIfNeeded(long deadlineMs) {
        while (membership.needsJoin() || pendingJoin != null || pendingSync != null) {
            membership.fatalError().ifPresent(e -> {
                throw e;
            });
            if (pendingJoin == null && pendingSync == null) {
                if (!link.ensureReady(deadlineMs, trigger)) {
                    return false;
                }
                if (!joinPrepared) {
                    onJoinPrepare(deadlineMs);
                    joinPrepared = true;
                }
                if (rebalanceStartMs < 0) {
                    rebalanceStartMs = link.time().milliseconds();
                }
                sendJoin();
            }
            if (pendingJoin != null) {
                if (!trigger.await(pendingJoin, deadlineMs - link.time().milliseconds())) {
                    return false;
                }
                handleJoinResponse();
            } else if (pendingSync != null) {
                if (!trigger.await(pendingSync, deadlineMs - link.time().milliseconds())) {
                    return false;
                }
                handleSyncResponse();
            }
            if (link.time().milliseconds() >= deadlineMs && (membership.needsJoin() || pendingJoin != null || pendingSync != null)) {
                return false;
            }
        }
        return true;
    }

    private void sendJoin() {
        Set<String> topics = new TreeSet<>(subscriptions.subscription());
        joinedSubscription = topics;
        List<TopicPartition> owned = new ArrayList<>(subscriptions.assignedPartitions());
        List<JoinGroupRequest.JoinGroupRequestProtocol> protocols = new ArrayList<>();
        for (ConsumerPartitionAssignor assignor : assignors) {
            Subscription subscription = new Subscription(new ArrayList<>(topics), assignor.subscriptionUserData(topics), owned,
                membership.generation().generationId(), rackId);
            protocols.add(new JoinGroupRequest.JoinGroupRequestProtocol().setName(assignor.name())
                .setMetadata(ConsumerProtocolCodec.encodeSubscription(subscription)));
        }
        JoinGroupRequest body = membership.joinRequest(protocols);
        LOG.info("group {}: joining ({}), member id '{}'", settings.groupId(), body.reason(), body.memberId());
        ClientRequest request = ClientRequest.build(ApiMessageType.JOIN_GROUP, 2,
            NodeApiVersions.clientMaxVersion(ApiMessageType.JOIN_GROUP), version -> {
                if (version < 8) {
                    body.setReason(null);
                }
                return body;
            });
        pendingJoin = link.send(request, JoinGroupResponse.class, settings.rebalanceTimeoutMs() + JOIN_EXTRA_WAIT_MS);
    }

    private void handleJoinResponse() {
        JoinGroupResponse response = responseOrNull(pendingJoin, "JoinGroup");
        pendingJoin = null;
        if (response == null) {
            return;
        }
        switch (membership.onJoinResponse(response)) {
            case LEAD -> sendSync(performAssignment(response.protocolName(), response.members()));
            case FOLLOW -> sendSync(Map.of());
            case COORDINATOR_LOST -> link.markUnknown("JoinGroup answered " + response.errorCode());
            case REJOIN -> {
                // rejoin at once (MEMBER_ID_REQUIRED) or after the lost-partition handling in the loop
                if (membership.takePartitionsLost()) {
                    onPartitionsLost();
                }
            }
        }
    }

    /**
     * The response of a completed JoinGroup or SyncGroup, or null when it failed on the wire (the
     * member then joins again, through a fresh coordinator lookup); other failures are thrown.
     */
    private <R> R responseOrNull(CompletableFuture<R> done, String api) {
        try {
            return WakeupTrigger.valueOf(done);
        } catch (KafkaException e) {
            membership.onJoinOrSyncFailure();
            if (!(e instanceof RetriableException)) {
                throw e;
            }
            link.markUnknown(api + " failed: " + e);
            return null;
        }
    }

    private void sendSync(Map<String, byte[]> assignments) {
        SyncGroupRequest body = membership.syncRequest(assignments);
        ClientRequest request = ClientRequest.build(ApiMessageType.SYNC_GROUP, 0,
            NodeApiVersions.clientMaxVersion(ApiMessageType.SYNC_GROUP), version -> {
                if (version < 5) {
                    body.setProtocolType(null).setProtocolName(null);
                }
                return body;
            });
        pendingSync = link.send(request, SyncGroupResponse.class, requestTimeoutMs + settings.rebalanceTimeoutMs());
    }

    private void handleSyncResponse() {
        SyncGroupResponse response = responseOrNull(pendingSync, "SyncGroup");
        pendingSync = null;
        if (response == null) {
            return;
        }
        long nowMs = link.time().milliseconds();
        switch (membership.onSyncResponse(response, nowMs)) {
            case OK -> onJoinComplete(response.assignment(), nowMs);
            case COORDINATOR_LOST -> link.markUnknown("SyncGroup answered " + response.errorCode());
            case REJOIN -> {
                if (membership.takePartitionsLost()) {
                    onPartitionsLost();
                }
            }
        }
    }

    /** Leader: runs the chosen assignor over every member's subscription, with metadata for all their topics. */
    private Map<String, byte[]> performAssignment(String protocolName, List<JoinGroupResponse.JoinGroupResponseMember> members) {
        ConsumerPartitionAssignor assignor = assignors.stream().filter(a -> a.name().equals(protocolName)).findFirst()
            .orElseThrow(() -> new IllegalStateException("Coordinator selected invalid assignment protocol: " + protocolName));
        Map<String, Subscription> subscriptionsByMember = new LinkedHashMap<>();
        Set<String> allTopics = new HashSet<>();
        for (JoinGroupResponse.JoinGroupResponseMember member : members) {
            Subscription subscription = ConsumerProtocolCodec.decodeSubscription(member.metadata());
            subscription.setGroupInstanceId(Optional.ofNullable(member.groupInstanceId()));
            subscriptionsByMember.put(member.memberId(), subscription);
            allTopics.addAll(subscription.topics());
        }
        MetadataSnapshot snapshot = metadataFor(allTopics);
        ConsumerPartitionAssignor.GroupAssignment result =
            assignor.assign(snapshot.cluster(), new ConsumerPartitionAssignor.GroupSubscription(subscriptionsByMember));
        Map<String, Integer> counts = new HashMap<>();
        for (String topic : allTopics) {
            counts.put(topic, partitionCount(snapshot.cluster(), topic));
        }
        assignedTopicPartitionCounts = counts;
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        result.groupAssignment().forEach((member, assignment) -> encoded.put(member, ConsumerProtocolCodec.encodeAssignment(assignment)));
        LOG.info("group {}: leader assigned with {}: {}", settings.groupId(), protocolName, result.groupAssignment());
        return encoded;
    }

    /** Partitions of a topic in the metadata, 0 when it is unknown (so its appearance is a change). */
    private static int partitionCount(Cluster cluster, String topic) {
        Integer count = cluster.partitionCountForTopic(topic);
        return count == null ? 0 : count;
    }

    /**
     * The tracked metadata, refreshed first when it lacks any of {@code topics} (a topic created
     * moments ago may be missing from the last refresh). A topic still missing after it gets no
     * partitions now; the leader rejoins once it appears.
     */
    private MetadataSnapshot metadataFor(Set<String> topics) {
        metadata.addTopics(topics);
        MetadataSnapshot snapshot = metadata.snapshot();
        if (topics.stream().anyMatch(t -> snapshot.cluster().partitionCountForTopic(t) == null)) {
            trigger.await(metadata.requestUpdate().exceptionally(e -> null), requestTimeoutMs);
        }
        return metadata.snapshot();
    }

    private void onJoinPrepare(long deadlineMs) {
        // without a valid generation what is owned is lost, not revoked (and nothing is revoked on a first join)
        if (membership.takePartitionsLost() || membership.generation().generationId() < 0) {
            onPartitionsLost();
            return;
        }
        if (autoCommit) {
            commitBeforeRevoke(subscriptions.assignedPartitions(), deadlineMs);
        }
        Set<TopicPartition> owned = subscriptions.assignedPartitions();
        Set<TopicPartition> revoked;
        if (protocol == RebalanceProtocol.EAGER) {
            revoked = owned;
        } else {
            revoked = new HashSet<>();
            for (TopicPartition tp : owned) {
                if (!subscriptions.subscription().contains(tp.topic())) {
                    revoked.add(tp);
                }
            }
        }
        if (!revoked.isEmpty() || protocol == RebalanceProtocol.EAGER) {
            Set<TopicPartition> remaining = new HashSet<>(owned);
            remaining.removeAll(revoked);
            subscriptions.assignFromSubscribed(remaining);
            invokeListener(() -> subscriptions.listener().onPartitionsRevoked(revoked));
        }
    }

    private void commitBeforeRevoke(Set<TopicPartition> partitions, long deadlineMs) {
        Map<TopicPartition, io.samsa.client.consumer.OffsetAndMetadata> offsets = new HashMap<>(subscriptions.allConsumed());
        offsets.keySet().retainAll(partitions);
        if (offsets.isEmpty() || membership.generationIfStable() == null) {
            return;
        }
        try {
            committer.commitSync(offsets, Math.min(deadlineMs, link.time().milliseconds() + requestTimeoutMs));
        } catch (KafkaException e) {
            LOG.warn("group {}: auto-commit of {} before rebalance failed: {}", settings.groupId(), offsets, e.toString());
        }
    }

    private void onJoinComplete(byte[] assignmentBytes, long nowMs) {
        joinPrepared = false;
        Assignment assignment = ConsumerProtocolCodec.decodeAssignment(assignmentBytes);
        Set<TopicPartition> assigned = new HashSet<>(assignment.partitions());
        Set<TopicPartition> owned = subscriptions.assignedPartitions();
        ConsumerPartitionAssignor assignor = assignors.stream()
            .filter(a -> a.name().equals(membership.generation().protocolName())).findFirst().orElse(null);
        if (assignor != null) {
            assignor.onAssignment(assignment, groupMetadata());
        }
        if (!membership.isLeader()) {
            assignedTopicPartitionCounts = Map.of();
        }
        if (rebalanceStartMs >= 0) {
            metrics.rebalanceCompleted(nowMs - rebalanceStartMs);
            rebalanceStartMs = -1;
        }
        LOG.info("group {}: generation {} assigned {}", settings.groupId(), membership.generation().generationId(), assigned);
        if (protocol == RebalanceProtocol.EAGER) {
            subscriptions.assignFromSubscribed(assigned);
            invokeListener(() -> subscriptions.listener().onPartitionsAssigned(assigned));
            return;
        }
        Set<TopicPartition> revoked = new HashSet<>(owned);
        revoked.removeAll(assigned);
        Set<TopicPartition> added = new HashSet<>(assigned);
        added.removeAll(owned);
        if (!revoked.isEmpty()) {
            if (autoCommit) {
                commitBeforeRevoke(revoked, link.time().milliseconds() + requestTimeoutMs);
            }
            Set<TopicPartition> kept = new HashSet<>(owned);
            kept.removeAll(revoked);
            subscriptions.assignFromSubscribed(kept);
            invokeListener(() -> subscriptions.listener().onPartitionsRevoked(revoked));
        }
        subscriptions.assignFromSubscribed(assigned);
        invokeListener(() -> subscriptions.listener().onPartitionsAssigned(added));
        if (!revoked.isEmpty()) {
            membership.requestRejoin("need to revoke partitions " + revoked + " and rejoin");
        }
    }

    private void onPartitionsLost() {
        ListenerCalls.loseAll(subscriptions, settings.groupId());
    }

    private static void invokeListener(Runnable call) {
        ListenerCalls.invoke(call);
    }

    /**
     * Leaves the group on unsubscribe or close: revokes the owned partitions through the listener
     * (lost when the generation is gone) and sends LeaveGroup (not for static members), waiting
     * for it until {@code deadlineMs}.
     */
    @Override
    public void leaveGroup(String reason, long deadlineMs) {
        Set<TopicPartition> owned = subscriptions.assignedPartitions();
        if (autoCommit && subscriptions.hasAutoAssignedPartitions()) {
            commitBeforeRevoke(owned, deadlineMs);
        }
        if (subscriptions.hasAutoAssignedPartitions() && !owned.isEmpty()) {
            boolean lost = membership.generation().generationId() < 0 || membership.takePartitionsLost();
            subscriptions.assignFromSubscribed(Set.of());
            if (lost) {
                invokeListener(() -> subscriptions.listener().onPartitionsLost(owned));
            } else {
                invokeListener(() -> subscriptions.listener().onPartitionsRevoked(owned));
            }
        }
        pendingJoin = null;
        pendingSync = null;
        joinPrepared = false;
        LeaveGroupRequest body = membership.leave(reason);
        if (body != null && link.coordinator() != null) {
            String memberId = body.memberId();
            ClientRequest request = ClientRequest.build(ApiMessageType.LEAVE_GROUP, 0,
                NodeApiVersions.clientMaxVersion(ApiMessageType.LEAVE_GROUP), version -> {
                    LeaveGroupRequest copy = new LeaveGroupRequest().setGroupId(body.groupId());
                    if (version >= 3) {
                        copy.setMembers(body.members());
                        if (version < 5) {
                            copy.members().forEach(m -> m.setReason(null));
                        }
                    } else {
                        copy.setMemberId(memberId);
                    }
                    return copy;
                });
            CompletableFuture<LeaveGroupResponse> future = link.send(request, LeaveGroupResponse.class, requestTimeoutMs);
            try {
                trigger.await(future, Math.max(0, deadlineMs - link.time().milliseconds()));
            } catch (KafkaException e) {
                LOG.debug("LeaveGroup wait interrupted: {}", e.toString());
            }
        }
    }

    /**
     * Closes the membership: commits (auto-commit; subscribed members commit in
     * {@link #leaveGroup}), leaves the group and stops the heartbeat thread. Failures are logged:
     * closing goes on.
     */
    @Override
    public void close(long deadlineMs) {
        MemberShutdown.close(this, settings.groupId(), autoCommit, subscriptions, committer, heartbeat, deadlineMs);
    }

    /** Forces a rejoin at the next poll. */
    @Override
    public void enforceRebalance(String reason) {
        if (subscriptions.hasAutoAssignedPartitions()) {
            membership.requestRejoin(reason);
        }
    }

    @Override
    public boolean isStable() {
        return membership.state() == GroupMembership.State.STABLE;
    }

    @Override
    public boolean canAutoCommit() {
        return !subscriptions.hasAutoAssignedPartitions() || membership.generationIfStable() != null;
    }

    /** The owned partitions (for listeners and tests). */
    public Collection<TopicPartition> owned() {
        return subscriptions.assignedPartitions();
    }
}
