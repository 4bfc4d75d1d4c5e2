package io.samsa.client.consumer.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerGroupMetadata;
import io.samsa.client.consumer.OffsetAndMetadata;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.ConsumerGroupHeartbeatRequest;
import io.samsa.protocol.message.ConsumerGroupHeartbeatResponse;
import io.samsa.protocol.types.Uuid;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the consumer group protocol of KIP-848 ({@code group.protocol=consumer}) for a subscribed
 * consumer on the application thread, in the order kafka-clients' new consumer does: hands the
 * subscription to {@link ConsumerProtocolMembership} (topic names, client-side pattern matches as
 * names, or a broker-side RE2/J expression), and reconciles each target assignment the heartbeat
 * thread received: topic ids resolved to names through metadata, then the partitions leaving are
 * revoked first (auto-commit, {@code onPartitionsRevoked}), then the new ones are taken
 * ({@code onPartitionsAssigned}), and the result is acknowledged by the next heartbeat, sent at
 * once. Fencing calls {@code onPartitionsLost} and rejoins with epoch 0.
 *
 * <p>Not thread-safe: application thread only (the heartbeat thread works on the membership directly).
 */
public final class ConsumerProtocolCoordinator implements GroupMember {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerProtocolCoordinator.class);

    private final ConsumerProtocolSettings settings;
    private final ConsumerProtocolMembership membership;
    private final GroupCoordinatorLink link;
    private final ClusterMetadata metadata;
    private final SubscriptionState subscriptions;
    private final OffsetCommitter committer;
    private final ConsumerMetrics metrics;
    private final WakeupTrigger trigger;
    private final boolean autoCommit;
    private final long requestTimeoutMs;
    private final ConsumerProtocolHeartbeatThread heartbeat;

    public ConsumerProtocolCoordinator(String clientId, ConsumerProtocolSettings settings, ConsumerProtocolMembership membership,
                                       GroupCoordinatorLink link, ClusterMetadata metadata, SubscriptionState subscriptions,
                                       OffsetCommitter committer, ConsumerMetrics metrics, WakeupTrigger trigger, boolean autoCommit,
                                       long requestTimeoutMs) {
        this.settings = settings;
        this.membership = membership;
        this.link = link;
        this.metadata = metadata;
        this.subscriptions = subscriptions;
        this.committer = committer;
        this.metrics = metrics;
        this.trigger = trigger;
        this.autoCommit = autoCommit;
        this.requestTimeoutMs = requestTimeoutMs;
        this.heartbeat = new ConsumerProtocolHeartbeatThread(clientId, membership, link, requestTimeoutMs);
        this.heartbeat.start();
    }

    public ConsumerProtocolMembership membership() {
        return membership;
    }

    @Override
    public boolean poll(long nowMs, long deadlineMs) {
        membership.onPoll(nowMs);
        membership.fatalError().ifPresent(e -> {
            throw e;
        });
        if (!subscriptions.hasAutoAssignedPartitions()) {
            return true;
        }
        if (membership.partitionsLost()) {
            onPartitionsLost();
            membership.rejoinAfterLost();
        }
        pushSubscription();
        heartbeat.wakeUp();
        if (!link.ensureReady(deadlineMs, trigger)) {
            return false;
        }
        reconcile(deadlineMs);
        return isStable();
    }

    private void pushSubscription() {
        if (subscriptions.type() == SubscriptionState.Type.AUTO_REGEX) {
            membership.subscribeRegex(subscriptions.regex());
        } else {
            membership.subscribe(new TreeSet<>(subscriptions.subscription()));
        }
    }

    /** Revokes, then assigns, the difference between what is owned and the resolvable part of the target. */
    private void reconcile(long deadlineMs) {
        MemberAssignment target = membership.reconciliationTarget();
        if (target == null) {
            return;
        }
        Map<Uuid, String> names = new HashMap<>();
        metadata.snapshot().topicIds().forEach((name, id) -> names.put(id, name));
        Map<Uuid, SortedSet<Integer>> resolvedIds = new TreeMap<>();
        Set<TopicPartition> resolved = new HashSet<>();
        target.partitions().forEach((id, partitions) -> {
            String name = names.get(id);
            if (name != null) {
                resolvedIds.put(id, partitions);
                partitions.forEach(p -> resolved.add(new TopicPartition(name, p)));
            }
        });
        if (resolvedIds.size() < target.partitions().size()) {
            metadata.requestUpdate(); // an assigned topic id this client does not know yet
        }
        MemberAssignment nowOwned = new MemberAssignment(resolvedIds);
        if (nowOwned.equals(membership.owned()) && !nowOwned.equals(target)) {
            return; // nothing resolvable changed: wait for metadata (kafka-clients acknowledges the fragment instead)
        }
        Set<TopicPartition> owned = subscriptions.assignedPartitions();
        Set<TopicPartition> revoked = new HashSet<>(owned);
        revoked.removeAll(resolved);
        Set<TopicPartition> added = new HashSet<>(resolved);
        added.removeAll(owned);
        LOG.info("group {}: epoch {}: revoking {}, assigning {}", settings.group().groupId(), membership.memberEpoch(),
            revoked, added);
        long startMs = link.time().milliseconds();
        if (!revoked.isEmpty()) {
            if (autoCommit) {
                commitBeforeRevoke(deadlineMs);
            }
            Set<TopicPartition> kept = new HashSet<>(owned);
            kept.removeAll(revoked);
            subscriptions.assignFromSubscribed(kept);
            ListenerCalls.invoke(() -> subscriptions.listener().onPartitionsRevoked(revoked));
        }
        subscriptions.assignFromSubscribed(resolved);
        if (subscriptions.type() == SubscriptionState.Type.AUTO_REGEX) {
            Set<String> topics = new TreeSet<>();
            resolved.forEach(tp -> topics.add(tp.topic()));
            subscriptions.changeSubscription(topics);
        }
        // called even when nothing was added, as kafka-clients does
        ListenerCalls.invoke(() -> subscriptions.listener().onPartitionsAssigned(added));
        // Only a reconciliation whose callbacks succeeded is acknowledged (as kafka-clients): after a callback
        // threw, the member stays RECONCILING and the next poll runs it again from what is installed now.
        membership.onReconciled(nowOwned);
        heartbeat.wakeUp();
        // rebalance-total / rebalance-latency-*: one per reconciliation, timed from revocation to acknowledgement queued
        metrics.rebalanceCompleted(link.time().milliseconds() - startMs);
    }

    private void commitBeforeRevoke(long deadlineMs) {
        Map<TopicPartition, OffsetAndMetadata> offsets = subscriptions.allConsumed();
        if (offsets.isEmpty()) {
            return;
        }
        try {
            committer.commitSync(offsets, Math.min(deadlineMs, link.time().milliseconds() + requestTimeoutMs));
        } catch (KafkaException e) {
            LOG.warn("group {}: auto-commit of {} before revocation failed: {}", settings.group().groupId(), offsets, e.toString());
        }
    }

    private void onPartitionsLost() {
        ListenerCalls.loseAll(subscriptions, settings.group().groupId());
    }

    @Override
    public boolean isStable() {
        return membership.state() == ConsumerMemberState.STABLE;
    }

    @Override
    public boolean canAutoCommit() {
        return !subscriptions.hasAutoAssignedPartitions() || membership.generationIfStable() != null;
    }

    /** The member epoch stands for the generation, as in kafka-clients' new consumer. */
    @Override
    public ConsumerGroupMetadata groupMetadata() {
        int epoch = membership.memberEpoch();
        return new ConsumerGroupMetadata(settings.group().groupId(), epoch > 0 ? epoch : ConsumerGroupMetadata.UNKNOWN_GENERATION_ID,
            membership.memberId(), settings.group().groupInstanceId());
    }

    /** The broker decides assignments under this protocol; kafka-clients' new consumer only logs too. */
    @Override
    public void enforceRebalance(String reason) {
        LOG.warn("Operation not supported in new consumer group protocol");
    }

    /**
     * Leaves on unsubscribe or close: commits (auto-commit), revokes the owned partitions through
     * the listener (lost when fenced) and sends the leave heartbeat (epoch -1, -2 for a static
     * member), waiting for it until {@code deadlineMs}.
     */
    @Override
    public void leaveGroup(String reason, long deadlineMs) {
        Set<TopicPartition> owned = subscriptions.assignedPartitions();
        boolean lost = membership.partitionsLost();
        if (autoCommit && !lost && !owned.isEmpty()) {
            commitBeforeRevoke(deadlineMs);
        }
        if (!owned.isEmpty()) {
            subscriptions.assignFromSubscribed(Set.of());
            ListenerCalls.invoke(() -> {
                if (lost) {
                    subscriptions.listener().onPartitionsLost(owned);
                } else {
                    subscriptions.listener().onPartitionsRevoked(owned);
                }
            });
        }
        ConsumerGroupHeartbeatRequest body = membership.leave();
        if (body == null || link.coordinator() == null) {
            return;
        }
        LOG.info("group {}: member {} leaving ({})", settings.group().groupId(), body.memberId(), reason);
        CompletableFuture<ConsumerGroupHeartbeatResponse> future = link.send(ClientRequest.of(body, 0,
            ApiMessageType.CONSUMER_GROUP_HEARTBEAT.highestSupportedVersion()), ConsumerGroupHeartbeatResponse.class, requestTimeoutMs);
        try {
            trigger.await(future, Math.max(0, deadlineMs - link.time().milliseconds()));
        } catch (KafkaException e) {
            LOG.debug("leave heartbeat wait interrupted: {}", e.toString());
        }
    }

    @Override
    public void close(long deadlineMs) {
        MemberShutdown.close(this, settings.group().groupId(), autoCommit, subscriptions, committer, heartbeat, deadlineMs);
    }
}
