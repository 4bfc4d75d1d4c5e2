package io.samsa.coordinator.consumer;

import io.samsa.coordinator.runtime.CoordinatorResult;

/**
 * The deadlines of consumer-protocol members, kept in memory like every deadline and restarted on
 * load: the session (any heartbeat restarts it) and the revocation (started when a member must
 * revoke partitions, stopped when it did); for classic-protocol members (online migration) their
 * own session timeout and the join and sync deadlines instead of the revocation. Either, when it fires, removes the member with
 * {@link MemberRemoval}, provided the member is still the one the deadline was set for.
 *
 * <p>Stateless apart from its config; thread-safe (the timer itself is the shard's).
 */
public final class ConsumerMemberTimers {
    private final ConsumerGroupConfig config;
    private final GroupOverrides overrides;

    public ConsumerMemberTimers(ConsumerGroupConfig config, GroupOverrides overrides) {
        this.config = config;
        this.overrides = overrides;
    }

    /** @return the group's session timeout in ms: its {@code consumer.session.timeout.ms}, else the broker's */
    public int sessionTimeoutMs(String groupId) {
        return overrides.intOf(groupId, GroupOverrides.SESSION_TIMEOUT_MS, config.sessionTimeoutMs());
    }

    /** @return the group's heartbeat interval in ms: its {@code consumer.heartbeat.interval.ms}, else the broker's */
    public int heartbeatIntervalMs(String groupId) {
        return overrides.intOf(groupId, GroupOverrides.HEARTBEAT_INTERVAL_MS, config.heartbeatIntervalMs());
    }

    /** (Re)starts the session of a consumer-protocol member (the group's session timeout). */
    public void scheduleSession(ConsumerGroupContext context, String groupId, String memberId) {
        scheduleSession(context, groupId, memberId, sessionTimeoutMs(groupId));
    }

    /** @param timeoutMs the session timeout, in ms (a classic member's own, from its JoinGroup) */
    public static void scheduleSession(ConsumerGroupContext context, String groupId, String memberId, long timeoutMs) {
        context.timer().schedule(new ConsumerTimerKey.Session(groupId, memberId), timeoutMs,
                nowMs -> fence(context, groupId, memberId, null));
    }

    /**
     * Starts a classic member's join or sync deadline ({@code key}) unless it runs already: when it
     * passes, the member is removed.
     *
     * @param timeoutMs the member's rebalance timeout, in ms
     */
    public static void scheduleClassicDeadline(ConsumerGroupContext context, ConsumerTimerKey key, String groupId, String memberId,
                                               long timeoutMs) {
        if (!context.timer().isScheduled(key)) {
            context.timer().schedule(key, timeoutMs, nowMs -> fence(context, groupId, memberId, null));
        }
    }

    /**
     * Starts the revocation deadline for a member that must revoke partitions under {@code memberEpoch},
     * unless one runs already; stops it when the member is not revoking.
     */
    public void updateRevocation(ConsumerGroupContext context, String groupId, ConsumerGroupMember member) {
        ConsumerTimerKey.Revocation key = new ConsumerTimerKey.Revocation(groupId, member.memberId());
        if (member.state() != MemberState.UNREVOKED_PARTITIONS) {
            context.timer().cancel(key);
        } else if (!context.timer().isScheduled(key)) {
            int epoch = member.memberEpoch();
            long timeoutMs = member.rebalanceTimeoutMs() > 0 ? member.rebalanceTimeoutMs() : sessionTimeoutMs(groupId);
            context.timer().schedule(key, timeoutMs, nowMs -> fence(context, groupId, member.memberId(), epoch));
        }
    }

    /** Restarts every member's session after a load: a coordinator that just took over gives each a full session. */
    public void onLoaded(ConsumerGroupContext context) {
        for (ConsumerGroup group : context.consumerGroups().groups()) {
            for (ConsumerGroupMember member : group.members()) {
                if (member.usesClassicProtocol()) {
                    scheduleSession(context, group.groupId(), member.memberId(), member.classic().sessionTimeoutMs());
                } else {
                    scheduleSession(context, group.groupId(), member.memberId());
                    updateRevocation(context, group.groupId(), member);
                }
            }
        }
    }

    /** @param revokingEpoch for a revocation deadline, the epoch it was set for; null for a session */
    private static CoordinatorResult<Void> fence(ConsumerGroupContext context, String groupId, String memberId, Integer revokingEpoch) {
        ConsumerGroup group = context.consumerGroups().group(groupId);
        ConsumerGroupMember member = group == null ? null : group.member(memberId);
        if (member == null) {
            return CoordinatorResult.empty();
        }
        if (revokingEpoch != null && (member.state() != MemberState.UNREVOKED_PARTITIONS || member.memberEpoch() != revokingEpoch)) {
            return CoordinatorResult.empty();
        }
        return CoordinatorResult.records(MemberRemoval.recordsOrDowngrade(context, group, memberId));
    }
}
