package io.samsa.coordinator.consumer;

import io.samsa.coordinator.runtime.TimerKey;

/** The deadlines of consumer-protocol members, one record type each, named by value. */
public sealed interface ConsumerTimerKey extends TimerKey {

    /** A member must heartbeat before this fires (group.consumer.session.timeout.ms), else it is removed. */
    record Session(String groupId, String memberId) implements ConsumerTimerKey {
    }

    /** A member revoking partitions must acknowledge it before its rebalance timeout, else it is removed. */
    record Revocation(String groupId, String memberId) implements ConsumerTimerKey {
    }

    /** A classic member told to rejoin (REBALANCE_IN_PROGRESS) must send JoinGroup within its rebalance timeout. */
    record ClassicJoin(String groupId, String memberId) implements ConsumerTimerKey {
    }

    /** A classic member that joined must send SyncGroup within its rebalance timeout. */
    record ClassicSync(String groupId, String memberId) implements ConsumerTimerKey {
    }
}
