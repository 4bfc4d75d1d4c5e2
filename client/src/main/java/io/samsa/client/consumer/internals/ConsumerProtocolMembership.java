package io.samsa.client.consumer.internals;

import io.samsa.client.errors.Errors;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.UnsupportedVersionException;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ConsumerGroupHeartbeatRequest;
import io.samsa.protocol.message.ConsumerGroupHeartbeatResponse;
import io.samsa.protocol.types.Uuid;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer-protocol (KIP-848) membership of one consumer as a sans-I/O state machine: it builds
 * ConsumerGroupHeartbeat bodies (through {@link ConsumerGroupHeartbeatRequestBuilder}), digests
 * their answers (member epoch, heartbeat interval, target assignment, errors) and tracks what the
 * member owns and must acknowledge. All time is passed in as {@code nowMs}. The caller does the I/O
 * and, on the application thread, the reconciliation: it takes {@link #reconciliationTarget()},
 * revokes and assigns through the rebalance listener and reports {@link #onReconciled}.
 *
 * <p>States and their transitions: {@link ConsumerMemberState}. The member id is generated here,
 * once (KIP-1082), and kept across rejoins.
 *
 * <p>Thread-safe: the application thread, the heartbeat thread and the network thread call in;
 * every method holds this object's monitor.
 */
public final class ConsumerProtocolMembership implements CommitMembership {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerProtocolMembership.class);
    static final String UNSUPPORTED_MESSAGE = "The cluster does not support the new CONSUMER group protocol. Set "
        + "group.protocol=classic on the consumer configs to revert to the CLASSIC protocol until the cluster is upgraded.";

    /** What the caller does after a heartbeat answer. */
    public enum Outcome { OK, COORDINATOR_LOST }

    private final ConsumerProtocolSettings settings;
    private final String memberId;
    private final ConsumerGroupHeartbeatRequestBuilder builder;
    private ConsumerMemberState state = ConsumerMemberState.UNSUBSCRIBED;
    private int memberEpoch;
    private int heartbeatIntervalMs;
    private long nextHeartbeatMs;
    private boolean sendNow;
    private boolean inFlight;
    private MemberAssignment target;
    private MemberAssignment owned = MemberAssignment.EMPTY;
    /** False from a join until the first reconciliation: even an empty first target is reconciled (the listener hears of it). */
    private boolean reconciledSinceJoin;
    private SortedSet<String> topics;
    private String regex;
    private KafkaException fatalError;
    private long lastPollMs;

    public ConsumerProtocolMembership(ConsumerProtocolSettings settings, long nowMs) {
        this(settings, Uuid.random().toString(), nowMs);
    }

    ConsumerProtocolMembership(ConsumerProtocolSettings settings, String memberId, long nowMs) {
        this.settings = settings;
        this.memberId = memberId;
        this.builder = new ConsumerGroupHeartbeatRequestBuilder(settings);
        this.lastPollMs = nowMs;
    }

    public synchronized ConsumerMemberState state() {
        return state;
    }

    public synchronized int memberEpoch() {
        return memberEpoch;
    }

    public String memberId() {
        return memberId;
    }

    public synchronized int heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public synchronized MemberAssignment owned() {
        return owned;
    }

    public synchronized Optional<KafkaException> fatalError() {
        return Optional.ofNullable(fatalError);
    }

    // ------------------------------------------------------------ application thread

    /** Subscribes to topic names (or changes them); joins when not in the group. */
    public synchronized void subscribe(SortedSet<String> topicNames) {
        boolean changed = regex != null || !topicNames.equals(topics);
        topics = new TreeSet<>(topicNames);
        regex = null;
        joinOrUpdate(changed);
    }

    /** Subscribes to a broker-side RE2/J expression; joins when not in the group. */
    public synchronized void subscribeRegex(String expression) {
        boolean changed = !expression.equals(regex);
        regex = expression;
        topics = null;
        joinOrUpdate(changed);
    }

    private void joinOrUpdate(boolean changed) {
        if (state == ConsumerMemberState.UNSUBSCRIBED) {
            join();
        } else if (changed) {
            sendNow = true;
        }
    }

    private void join() {
        transitionTo(ConsumerMemberState.JOINING);
        memberEpoch = 0;
        target = null;
        owned = MemberAssignment.EMPTY;
        reconciledSinceJoin = false;
        builder.reset();
        sendNow = true;
    }

    public synchronized void onPoll(long nowMs) {
        lastPollMs = nowMs;
    }

    /** Whether the owned partitions were lost (fenced, or left after max.poll.interval.ms); the caller then calls {@link #rejoinAfterLost}. */
    public synchronized boolean partitionsLost() {
        return state == ConsumerMemberState.FENCED || state == ConsumerMemberState.STALE;
    }

    /** After onPartitionsLost ran: joins again with epoch 0 (the same member id). */
    public synchronized void rejoinAfterLost() {
        if (partitionsLost()) {
            join();
        }
    }

    /** The target to reconcile, or null when there is nothing to do. */
    public synchronized MemberAssignment reconciliationTarget() {
        return state == ConsumerMemberState.RECONCILING ? target : null;
    }

    /**
     * The application thread revoked and assigned through the listener: {@code nowOwned} is what
     * the member owns now, acknowledged by the next heartbeat, sent at once. Ignored when the state
     * moved meanwhile (fenced, left).
     */
    public synchronized void onReconciled(MemberAssignment nowOwned) {
        if (state != ConsumerMemberState.RECONCILING) {
            return;
        }
        owned = nowOwned;
        reconciledSinceJoin = true;
        transitionTo(ConsumerMemberState.ACKNOWLEDGING);
        sendNow = true;
    }

    /**
     * Leaves the group (close, unsubscribe): the body to send (epoch -1, or -2 for a static
     * member), or null when not in the group. The member is UNSUBSCRIBED afterwards.
     */
    public synchronized ConsumerGroupHeartbeatRequest leave() {
        if (state == ConsumerMemberState.FATAL || state == ConsumerMemberState.UNSUBSCRIBED) {
            return null;
        }
        boolean known = state != ConsumerMemberState.FENCED && state != ConsumerMemberState.STALE
            && !(state == ConsumerMemberState.JOINING && memberEpoch == 0 && !inFlight);
        unsubscribed();
        return known ? builder.leave(memberId) : null;
    }

    private void unsubscribed() {
        transitionTo(ConsumerMemberState.UNSUBSCRIBED);
        memberEpoch = 0;
        target = null;
        owned = MemberAssignment.EMPTY;
        topics = null;
        regex = null;
        sendNow = false;
    }

    // ------------------------------------------------------------ heartbeat thread

    /** Milliseconds until a heartbeat is due (0 when one should go now). */
    public synchronized long timeToNextHeartbeatMs(long nowMs) {
        if (!heartbeating() || inFlight) {
            return Long.MAX_VALUE;
        }
        return sendNow ? 0 : Math.max(0, nextHeartbeatMs - nowMs);
    }

    private boolean heartbeating() {
        return state == ConsumerMemberState.JOINING || state.inGroup();
    }

    /** The heartbeat to send now, or null when none is due (one at a time). */
    public synchronized ConsumerGroupHeartbeatRequest heartbeatIfDue(long nowMs) {
        if (!heartbeating() || inFlight || (!sendNow && nowMs - nextHeartbeatMs < 0)) {
            return null;
        }
        inFlight = true;
        sendNow = false;
        nextHeartbeatMs = nowMs + heartbeatIntervalMs;
        return builder.build(memberId, memberEpoch, topics, regex, owned);
    }

    /** A heartbeat request failed on the wire (or could not be sent): retry after retry.backoff.ms with every field. */
    public synchronized void onHeartbeatFailure(Throwable error, long nowMs) {
        inFlight = false;
        if (error instanceof UnsupportedVersionException) {
            fatal(new UnsupportedVersionException(UNSUPPORTED_MESSAGE));
            return;
        }
        builder.reset();
        nextHeartbeatMs = nowMs + settings.group().retryBackoffMs();
    }

    /** Digests a heartbeat answer. */
    public synchronized Outcome onHeartbeatResponse(ConsumerGroupHeartbeatResponse response, long nowMs) {
        inFlight = false;
        ErrorCode error = ErrorCode.forCode(response.errorCode());
        if (!heartbeating()) {
            return Outcome.OK; // the answer to a request sent before the member left or was fenced
        }
        if (error == ErrorCode.NONE) {
            onSuccess(response);
            nextHeartbeatMs = nowMs + heartbeatIntervalMs;
            return Outcome.OK;
        }
        builder.reset();
        switch (error) {
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> {
                sendNow = true;
                return Outcome.COORDINATOR_LOST;
            }
            case COORDINATOR_LOAD_IN_PROGRESS -> nextHeartbeatMs = nowMs + settings.group().retryBackoffMs();
            case FENCED_MEMBER_EPOCH, UNKNOWN_MEMBER_ID -> {
                LOG.info("group {}: member {} fenced at epoch {} ({}); its partitions are lost and it rejoins",
                    settings.group().groupId(), memberId, memberEpoch, error);
                transitionTo(ConsumerMemberState.FENCED);
                memberEpoch = 0;
                target = null;
            }
            case UNSUPPORTED_VERSION -> fatal(new UnsupportedVersionException(UNSUPPORTED_MESSAGE));
            default -> fatal(Errors.toException(error, response.errorMessage() != null ? response.errorMessage()
                : "ConsumerGroupHeartbeat failed for group " + settings.group().groupId() + ": " + error));
        }
        return Outcome.OK;
    }

    private void onSuccess(ConsumerGroupHeartbeatResponse response) {
        memberEpoch = response.memberEpoch();
        heartbeatIntervalMs = Math.max(0, response.heartbeatIntervalMs());
        if (response.assignment() != null) {
            target = MemberAssignment.from(response.assignment());
        }
        if (target == null) {
            return; // joining, no target yet
        }
        if (!target.equals(owned) || !reconciledSinceJoin) {
            if (state != ConsumerMemberState.RECONCILING) {
                transitionTo(ConsumerMemberState.RECONCILING);
            }
        } else if (state != ConsumerMemberState.STABLE) {
            transitionTo(ConsumerMemberState.STABLE);
        }
    }

    private void fatal(KafkaException error) {
        LOG.error("group {}: member {} failed: {}", settings.group().groupId(), memberId, error.toString());
        fatalError = error;
        transitionTo(ConsumerMemberState.FATAL);
    }

    /**
     * Whether max.poll.interval.ms passed since the last poll while in the group; if so the member
     * becomes STALE and the caller sends the returned leave body (Kafka's new consumer leaves then).
     */
    public synchronized ConsumerGroupHeartbeatRequest leaveIfPollTimeoutExpired(long nowMs) {
        if (!state.inGroup() || nowMs - lastPollMs <= settings.group().rebalanceTimeoutMs()) {
            return null;
        }
        transitionTo(ConsumerMemberState.STALE);
        memberEpoch = 0;
        target = null;
        return builder.leave(memberId);
    }

    private void transitionTo(ConsumerMemberState next) {
        if (!next.canTransitionFrom(state)) {
            throw new IllegalStateException("member state " + state + " cannot move to " + next);
        }
        if (next != state) {
            LOG.info("group {}: member {} with epoch {} transitioned from {} to {}", settings.group().groupId(), memberId,
                memberEpoch, state, next);
        }
        state = next;
    }

    // ------------------------------------------------------------ commits

    /** Commits carry the member id and the latest epoch while the member is in the group (KIP-848). */
    @Override
    public synchronized GroupMembership.Generation generationIfStable() {
        return state.inGroup() && memberEpoch > 0 ? new GroupMembership.Generation(memberEpoch, memberId, null) : null;
    }

    @Override
    public synchronized GroupMembership.Generation offsetFetchMember() {
        return generationIfStable();
    }

    /** No JoinGroup rebalance exists here: a commit without an epoch fails with CommitFailedException. */
    @Override
    public boolean rebalanceInProgress() {
        return false;
    }

    /** The heartbeat finds out about fencing itself; a commit error changes nothing here. */
    @Override
    public void resetOnError(ErrorCode error) {
    }

    @Override
    public void requestRejoin(String reason) {
    }
}
