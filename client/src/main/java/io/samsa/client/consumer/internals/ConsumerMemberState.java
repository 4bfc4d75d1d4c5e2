package io.samsa.client.consumer.internals;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a consumer-protocol (KIP-848) group member on the client, as kafka-clients' new
 * consumer names them, with their legal predecessors. {@link ConsumerProtocolMembership} moves
 * between them only through its checked {@code transitionTo}.
 *
 * <pre>
 *  UNSUBSCRIBED --subscribe--> JOINING --response with a target--> RECONCILING --listener ran--> ACKNOWLEDGING
 *                                 ^                                   ^      |                        |
 *                                 |                                   +------+--(new target)----------+
 *                                 |                                          ack answered, target == owned
 *                                 |                                                   v
 *                       lost handled (epoch 0)  <-- FENCED / STALE  <-- errors ---  STABLE
 *  any state --leave--> UNSUBSCRIBED;  any state --fatal error--> FATAL (never left)
 * </pre>
 */
public enum ConsumerMemberState {
    /** Not subscribed: no heartbeats. Left by subscribe (to JOINING). */
    UNSUBSCRIBED,
    /** Sent (or about to send) a heartbeat with epoch 0 and every field; waits for an epoch and a target. */
    JOINING,
    /** A target assignment differs from what the member owns: the application thread revokes, then assigns. */
    RECONCILING,
    /** The reconciled assignment goes out in the next heartbeat, sent at once. */
    ACKNOWLEDGING,
    /** Owns its target; heartbeats every interval the broker gave. */
    STABLE,
    /** FENCED_MEMBER_EPOCH or UNKNOWN_MEMBER_ID: the owned partitions are lost; rejoins with epoch 0 after the listener. */
    FENCED,
    /** max.poll.interval.ms passed without a poll: the member left (epoch -1/-2); the next poll loses its partitions and rejoins. */
    STALE,
    /** A fatal error (authorization, unsupported version, fenced instance id, ...): every poll throws it. */
    FATAL;

    /** Whether this state may follow {@code previous}. */
    public boolean canTransitionFrom(ConsumerMemberState previous) {
        return legalPredecessors().contains(previous);
    }

    private Set<ConsumerMemberState> legalPredecessors() {
        return switch (this) {
            case UNSUBSCRIBED -> EnumSet.complementOf(EnumSet.of(FATAL));
            case JOINING -> EnumSet.of(UNSUBSCRIBED, FENCED, STALE, JOINING);
            case RECONCILING -> EnumSet.of(JOINING, RECONCILING, ACKNOWLEDGING, STABLE);
            case ACKNOWLEDGING -> EnumSet.of(RECONCILING);
            case STABLE -> EnumSet.of(JOINING, RECONCILING, ACKNOWLEDGING, STABLE);
            case FENCED -> EnumSet.of(JOINING, RECONCILING, ACKNOWLEDGING, STABLE);
            case STALE -> EnumSet.of(JOINING, RECONCILING, ACKNOWLEDGING, STABLE);
            case FATAL -> EnumSet.complementOf(EnumSet.of(FATAL));
        };
    }

    /** Whether the member holds a member epoch the broker knows (commits may carry it). */
    public boolean inGroup() {
        return this == RECONCILING || this == ACKNOWLEDGING || this == STABLE;
    }
}
