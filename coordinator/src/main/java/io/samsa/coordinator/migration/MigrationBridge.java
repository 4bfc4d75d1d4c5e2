package io.samsa.coordinator.migration;

import io.samsa.coordinator.classic.ClassicGroupConfig;
import io.samsa.coordinator.consumer.ClassicGroupProbe;
import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.consumer.ConsumerGroupConfig;
import io.samsa.coordinator.consumer.ConsumerGroupMember;
import io.samsa.coordinator.consumer.ConsumerGroupStore;
import io.samsa.coordinator.consumer.ConsumerMemberTimers;
import io.samsa.coordinator.consumer.SubscribedTopics;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.ConsumerSubscriptions;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.records.CoordinatorRecord;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The shard's {@link ClassicGroupProbe}: how consumer groups see classic groups of the same id,
 * and KIP-848's online migration between the two, under {@code group.consumer.migration.policy}.
 * <ul>
 * <li>Upgrade ({@link #upgrade}), when the policy allows it, the classic group uses the consumer
 *     protocol type and has fewer members than group.consumer.max.size, as Kafka's
 *     {@code validateOnlineUpgrade}; otherwise the join is refused with GROUP_ID_NOT_FOUND. Once
 *     the records are durable, parked classic answers get REBALANCE_IN_PROGRESS, classic deadlines
 *     stop, and each member's session runs on as a consumer-group session with its own session
 *     timeout.</li>
 * <li>Downgrade ({@link #downgrade}), see {@link ConsumerGroupDowngrade}: the classic group's
 *     sessions and join phase start, so the members rejoin it.</li>
 * </ul>
 * Stateless apart from its configs; used on the shard's event thread.
 */
public final class MigrationBridge implements ClassicGroupProbe {
    private final MigrationContext context;
    private final ConsumerGroupConfig consumerConfig;
    private final ClassicGroupConfig classicConfig;
    private final SubscribedTopics subscribed;
    private final LongSupplier clock;

    /** @param clock the shard's clock, wall-clock ms (the downgraded group's state timestamp) */
    public MigrationBridge(MigrationContext context, ConsumerGroupConfig consumerConfig, ClassicGroupConfig classicConfig,
                           LongSupplier clock) {
        this.context = context;
        this.consumerConfig = consumerConfig;
        this.classicConfig = classicConfig;
        this.subscribed = new SubscribedTopics(context.topics());
        this.clock = clock;
    }

    @Override
    public Status status(String groupId) {
        ClassicGroup group = context.groups().group(groupId);
        if (group == null) {
            return Status.NONE;
        }
        return group.isInState(ClassicGroupState.EMPTY) ? Status.EMPTY : Status.ACTIVE;
    }

    @Override
    public CoordinatorRecord deletionRecord(String groupId) {
        return GroupCoordinatorRecords.newGroupMetadataTombstoneRecord(groupId);
    }

    @Override
    public Upgrade upgrade(String groupId, List<CoordinatorRecord> records) {
        ClassicGroup classic = context.groups().group(groupId);
        if (classic == null || classic.hasNoMembers() || !consumerConfig.migrationPolicy().isUpgradeEnabled()
                || !ConsumerSubscriptions.CONSUMER_PROTOCOL_TYPE.equals(classic.protocolType())
                || classic.size() >= consumerConfig.maxSize()) {
            return null;
        }
        Optional<List<CoordinatorRecord>> upgrade = ClassicGroupUpgrade.records(classic, context.topics(), subscribed);
        if (upgrade.isEmpty()) {
            return null;
        }
        records.addAll(upgrade.get());
        ConsumerGroup converted = ConsumerGroupStore.materialize(groupId, upgrade.get());
        List<ConsumerGroupMember> members = List.copyOf(converted.members());
        return new Upgrade(converted, () -> {
            context.rebalancer().onConvertedToConsumerGroup(context, classic);
            for (ConsumerGroupMember member : members) {
                ConsumerMemberTimers.scheduleSession(context, groupId, member.memberId(), member.classic().sessionTimeoutMs());
            }
        });
    }

    @Override
    public List<CoordinatorRecord> downgrade(ConsumerGroup group, Set<String> leaving) {
        if (!consumerConfig.migrationPolicy().isDowngradeEnabled()
                || !ConsumerGroupDowngrade.leavesOnlyClassicMembers(group, leaving, classicConfig.groupMaxSize())) {
            return null;
        }
        ClassicGroup classic = ConsumerGroupDowngrade.classicGroup(group, leaving, context.topics(), clock.getAsLong());
        if (classic == null) {
            return null;
        }
        context.rebalancer().onConvertedFromConsumerGroup(context, classic);
        return ConsumerGroupDowngrade.records(group, classic);
    }
}
