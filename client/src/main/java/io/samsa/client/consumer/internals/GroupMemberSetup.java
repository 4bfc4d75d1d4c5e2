package io.samsa.client.consumer.internals;

import io.samsa.client.consumer.ConsumerConfig;
import io.samsa.client.consumer.internals.assignors.Assignors;
import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.client.internals.metadata.CoordinatorLookup;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.protocol.util.Time;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds a consumer's group membership once, at construction, for the protocol
 * {@code group.protocol} names: {@link ConsumerCoordinator} for {@code classic},
 * {@link ConsumerProtocolCoordinator} for {@code consumer} (KIP-848), each with its committer.
 *
 * <p>Stateless; thread-safe.
 */
public final class GroupMemberSetup {
    private GroupMemberSetup() {
    }

    /** The committer and the membership of a consumer with a group id. */
    public record Group(OffsetCommitter committer, GroupMember member) {
    }

    /** Whether {@code config} asks for the consumer group protocol of KIP-848. */
    public static boolean consumerProtocol(ConsumerConfig config) {
        return "consumer".equals(config.getString(ConsumerConfig.GROUP_PROTOCOL_CONFIG).toLowerCase(Locale.ROOT));
    }

    /**
     * @param requestTimeoutMs request.timeout.ms
     * @param retryBackoffMs   retry.backoff.ms
     */
    public static Group create(ConsumerConfig config, String clientId, NetworkClient network, ClusterMetadata metadata,
                               SubscriptionState subscriptions, ConsumerMetrics metrics, WakeupTrigger trigger, Time time,
                               long requestTimeoutMs, long retryBackoffMs) {
        String groupId = config.getString(ConsumerConfig.GROUP_ID_CONFIG);
        boolean autoCommit = config.getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
        GroupSettings group = new GroupSettings(groupId,
            Optional.ofNullable(config.getString(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)),
            config.getInt(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), config.getInt(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG),
            config.getInt(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), retryBackoffMs);
        GroupCoordinatorLink link = new GroupCoordinatorLink(network, new CoordinatorLookup(network, metadata), groupId, retryBackoffMs);
        String rack = config.getString(ConsumerConfig.CLIENT_RACK_CONFIG);
        Optional<String> rackId = rack == null || rack.isEmpty() ? Optional.empty() : Optional.of(rack);
        if (consumerProtocol(config)) {
            ConsumerProtocolSettings settings = new ConsumerProtocolSettings(group, rackId,
                Optional.ofNullable(config.getString(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG)));
            ConsumerProtocolMembership membership = new ConsumerProtocolMembership(settings, time.milliseconds());
            OffsetCommitter committer = new OffsetCommitter(link, membership, subscriptions, group, metrics, trigger, requestTimeoutMs);
            return new Group(committer, new ConsumerProtocolCoordinator(clientId, settings, membership, link, metadata, subscriptions,
                committer, metrics, trigger, autoCommit, requestTimeoutMs));
        }
        GroupMembership membership = new GroupMembership(group, time.milliseconds());
        OffsetCommitter committer = new OffsetCommitter(link, membership, subscriptions, group, metrics, trigger, requestTimeoutMs);
        return new Group(committer, new ConsumerCoordinator(clientId, group, membership, link, metadata, subscriptions, committer,
            config.assignorNames().stream().map(Assignors::create).toList(), rackId, metrics, trigger, autoCommit, requestTimeoutMs));
    }
}
