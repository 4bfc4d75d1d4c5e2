package io.samsa.broker.replication;

import io.samsa.protocol.ErrorCode;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition replicated across brokers, as this broker holds it: leader or follower by the
 * {@link PartitionRole} last applied (a higher leader epoch replaces a lower one; an older one is
 * ignored).
 *
 * <p>As <b>leader</b> it tracks each follower's log end offset and last caught-up time (from the
 * follower's fetches), keeps the ISR and advances the high watermark to the smallest log end offset
 * in the ISR, never backwards. ISR changes go to the controller ({@link AlterPartitionSender}) one
 * at a time and take effect when acknowledged; while one is pending, the high watermark is
 * computed over the <em>maximal</em> ISR (the committed one plus a replica being added), and
 * min.insync.replicas over the committed one:
 *
 * <pre>
 *   committed ISR ──(follower caught up)──▶ pending expand: maximal = ISR + r ──(ack)──▶ ISR + r
 *   committed ISR ──(lag > replica.lag.time.max.ms)──▶ pending shrink: maximal = ISR ──(ack)──▶ ISR − r
 *                                  (refused: back to the committed ISR, asked again later)
 * </pre>
 *
 * <p>As <b>follower</b> it only holds the role; the replica fetcher appends and moves the high
 * watermark to min(leader's high watermark, own log end offset).
 *
 * <p>Thread-safe: state changes are synchronized on this object and short (no I/O); the high
 * watermark lives in the log (a volatile) so readers take no lock. Listeners are called after the
 * monitor is released.
 */
public final class ReplicatedPartition {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedPartition.class);

    private final TopicPartition topicPartition;
    private final PartitionLog log;
    private final int localId;
    private final long replicaLagTimeMaxMs;
    private final AlterPartitionSender alterPartition;
    private final PartitionChangeListener listener;
    private final java.util.function.IntPredicate isrEligible;
    private final Map<Integer, FollowerState> followers = new HashMap<>();
    private volatile PartitionRole role;
    /** The committed ISR (as the controller acknowledged it). */
    private volatile List<Integer> isr;
    /** The ISR used for the high watermark: the committed one, plus a replica being added. */
    private List<Integer> maximalIsr;
    private int partitionEpoch;
    private IsrChange pending;
    /** The log end offset when this broker became leader: a follower joins the ISR only past it. */
    private long leaderEpochStartOffset;

    /** @param isrEligible whether a replica may join the ISR now (Kafka: registered and not fenced) */
    ReplicatedPartition(TopicPartition topicPartition, PartitionLog log, int localId, long replicaLagTimeMaxMs,
                        AlterPartitionSender alterPartition, PartitionChangeListener listener,
                        java.util.function.IntPredicate isrEligible) {
        this.topicPartition = topicPartition;
        this.log = log;
        this.localId = localId;
        this.replicaLagTimeMaxMs = replicaLagTimeMaxMs;
        this.alterPartition = alterPartition;
        this.listener = listener;
        this.isrEligible = isrEligible;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public PartitionLog log() {
        return log;
    }

    /** @return the role last applied */
    public PartitionRole role() {
        return role;
    }

    public boolean isLeader() {
        PartitionRole current = role;
        return current != null && current.isLeader(localId);
    }

    public int leaderEpoch() {
        PartitionRole current = role;
        return current == null ? -1 : current.leaderEpoch();
    }

    /** @return the committed ISR */
    public List<Integer> isr() {
        return isr;
    }

    public long highWatermark() {
        return log.highWatermark();
    }

    /**
     * Applies a role whose leader epoch is at least the current one.
     *
     * @param nowMs the clock reading; ISR members' lag counts from here on a new leader
     * @return whether the role was applied (false for a stale epoch)
     */
    boolean applyRole(PartitionRole next, long nowMs) {
        synchronized (this) {
            PartitionRole current = role;
            if (current != null && (next.leaderEpoch() < current.leaderEpoch()
                    || (next.leaderEpoch() == current.leaderEpoch() && next.partitionEpoch() < partitionEpoch))) {
                return false;
            }
            boolean newLeadership = current == null || current.leaderEpoch() != next.leaderEpoch();
            role = next;
            isr = next.isr();
            maximalIsr = next.isr();
            partitionEpoch = next.partitionEpoch();
            pending = null;
            if (next.isLeader(localId) && newLeadership) {
                followers.clear();
                leaderEpochStartOffset = log.logEndOffset();
                for (int replica : next.replicas()) {
                    if (replica != localId) {
                        followers.put(replica, new FollowerState(next.isr().contains(replica) ? nowMs : 0));
                    }
                }
            } else if (next.isLeader(localId)) {
                // same leadership, other replicas (a reassignment adding or removing some): track the new set
                followers.keySet().retainAll(next.replicas());
                for (int replica : next.replicas()) {
                    if (replica != localId) {
                        followers.putIfAbsent(replica, new FollowerState(next.isr().contains(replica) ? nowMs : 0));
                    }
                }
            } else {
                followers.clear();
            }
        }
        if (isLeader()) {
            maybeAdvanceHighWatermark();
        }
        listener.onChange(topicPartition);
        return true;
    }

    /**
     * The check of a request's current_leader_epoch, then of leadership (Kafka's order):
     * FENCED_LEADER_EPOCH when the requester's epoch is older, UNKNOWN_LEADER_EPOCH when newer,
     * NOT_LEADER_OR_FOLLOWER when this broker does not lead; -1 skips the epoch check.
     */
    public ErrorCode checkLeader(int currentLeaderEpoch) {
        int epoch = leaderEpoch();
        if (currentLeaderEpoch != -1 && currentLeaderEpoch < epoch) {
            return ErrorCode.FENCED_LEADER_EPOCH;
        }
        if (currentLeaderEpoch > epoch) {
            return ErrorCode.UNKNOWN_LEADER_EPOCH;
        }
        return isLeader() ? ErrorCode.NONE : ErrorCode.NOT_LEADER_OR_FOLLOWER;
    }

    /**
     * A leader-side check before an acks=all append: NOT_LEADER_OR_FOLLOWER off the leader,
     * NOT_ENOUGH_REPLICAS when the committed ISR is smaller than min.insync.replicas.
     */
    public ErrorCode checkAppend(short requiredAcks) {
        if (!isLeader()) {
            return ErrorCode.NOT_LEADER_OR_FOLLOWER;
        }
        if (requiredAcks == -1 && isr.size() < log.config().minInsyncReplicas()) {
            return ErrorCode.NOT_ENOUGH_REPLICAS;
        }
        return ErrorCode.NONE;
    }

    /**
     * Whether an acks=all produce whose last offset is {@code requiredOffset - 1} is done: NONE once
     * the high watermark passed it with the ISR still at min.insync.replicas,
     * NOT_ENOUGH_REPLICAS_AFTER_APPEND if it passed with a smaller ISR, NOT_LEADER_OR_FOLLOWER if
     * leadership moved; null while it must wait.
     */
    public ErrorCode checkReplicated(long requiredOffset, int leaderEpochAtAppend) {
        if (!isLeader() || leaderEpoch() != leaderEpochAtAppend) {
            return ErrorCode.NOT_LEADER_OR_FOLLOWER;
        }
        if (log.highWatermark() < requiredOffset) {
            return null;
        }
        return isr.size() < log.config().minInsyncReplicas() ? ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND : ErrorCode.NONE;
    }

    /** The leader appended: with a one-member ISR that alone moves the high watermark. */
    public void onLeaderAppend() {
        maybeAdvanceHighWatermark();
    }

    /**
     * A follower's fetch, read by this leader: updates its position, maybe adds it to the ISR (a
     * caught-up follower the ISR eligibility allows: not one the image shows fenced, as Kafka's
     * leader checks, so no AlterPartition the controller must refuse with INELIGIBLE_REPLICA),
     * maybe advances the high watermark.
     *
     * @param leaderLogEndOffset this log's end offset when the fetch was read
     * @return NONE, or NOT_LEADER_OR_FOLLOWER when this broker does not lead or the replica is not one of the partition's
     */
    public ErrorCode onFollowerFetch(int replicaId, long fetchOffset, long leaderLogEndOffset, long nowMs) {
        IsrChange expand = null;
        synchronized (this) {
            if (!isLeader()) {
                return ErrorCode.NOT_LEADER_OR_FOLLOWER;
            }
            FollowerState follower = followers.get(replicaId);
            if (follower == null) {
                return ErrorCode.NOT_LEADER_OR_FOLLOWER;
            }
            follower.onFetch(fetchOffset, leaderLogEndOffset, nowMs);
            if (pending == null && !isr.contains(replicaId) && fetchOffset >= log.highWatermark()
                    && fetchOffset >= leaderEpochStartOffset && isrEligible.test(replicaId)) {
                List<Integer> grown = new ArrayList<>(isr);
                grown.add(replicaId);
                expand = new IsrChange(localId, role.leaderEpoch(), grown, partitionEpoch);
                pending = expand;
                maximalIsr = grown;
            }
        }
        if (expand != null) {
            send(expand);
        }
        maybeAdvanceHighWatermark();
        return ErrorCode.NONE;
    }

    /**
     * Drops from the ISR the followers not caught up for replica.lag.time.max.ms (one request to
     * the controller; the high watermark keeps counting them until it is acknowledged).
     *
     * @return whether a shrink was asked for
     */
    public boolean maybeShrinkIsr(long nowMs) {
        IsrChange shrink;
        synchronized (this) {
            if (!isLeader() || pending != null) {
                return false;
            }
            long leaderEnd = log.logEndOffset();
            Set<Integer> kept = new LinkedHashSet<>(isr);
            for (int member : isr) {
                FollowerState follower = followers.get(member);
                if (member != localId && follower != null && follower.logEndOffset() < leaderEnd
                        && nowMs - follower.lastCaughtUpTimeMs() > replicaLagTimeMaxMs) {
                    kept.remove(member);
                }
            }
            if (kept.size() == isr.size()) {
                return false;
            }
            shrink = new IsrChange(localId, role.leaderEpoch(), List.copyOf(kept), partitionEpoch);
            pending = shrink;
            maximalIsr = isr;
        }
        LOG.info("Shrinking the ISR of {} from {} to {}", topicPartition, isr, shrink.newIsr());
        send(shrink);
        return true;
    }

    private void send(IsrChange change) {
        CompletableFuture<IsrChangeResult> answer;
        try {
            answer = alterPartition.alterPartition(topicPartition, change);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((result, error) -> onIsrChangeAnswered(change, error == null ? result
                : IsrChangeResult.failed(ErrorCode.UNKNOWN_SERVER_ERROR)));
    }

    private void onIsrChangeAnswered(IsrChange change, IsrChangeResult result) {
        synchronized (this) {
            if (pending != change) {
                return; // a newer role replaced it
            }
            pending = null;
            if (result.error() == ErrorCode.NONE && result.partitionEpoch() > partitionEpoch) {
                isr = result.isr();
                partitionEpoch = result.partitionEpoch();
                role = new PartitionRole(role.leaderEpoch(), role.leaderId(), role.replicas(), result.isr(), partitionEpoch);
            } else if (result.error() != ErrorCode.NONE) {
                LOG.info("ISR change {} of {} refused: {}", change.newIsr(), topicPartition, result.error());
            }
            maximalIsr = isr;
        }
        maybeAdvanceHighWatermark();
        listener.onChange(topicPartition);
    }

    /** High watermark = min log end offset over the maximal ISR; it never goes back. */
    private void maybeAdvanceHighWatermark() {
        boolean moved;
        synchronized (this) {
            if (!isLeader()) {
                return;
            }
            long candidate = log.logEndOffset();
            for (int member : maximalIsr) {
                if (member != localId) {
                    FollowerState follower = followers.get(member);
                    candidate = Math.min(candidate, follower == null ? -1 : follower.logEndOffset());
                }
            }
            long current = log.highWatermark();
            moved = candidate > current;
            if (moved) {
                log.updateHighWatermark(candidate);
            }
        }
        if (moved) {
            listener.onChange(topicPartition);
        }
    }

    /** A follower's high watermark: the leader's, but never past its own log end. */
    public void updateFollowerHighWatermark(long leaderHighWatermark) {
        long before = log.highWatermark();
        long target = Math.min(leaderHighWatermark, log.logEndOffset());
        if (target > before) {
            log.updateHighWatermark(target);
            listener.onChange(topicPartition);
        }
    }

    /** @return the follower's log end offset as the leader knows it, or -1 (tests, tools) */
    public synchronized long followerLogEndOffset(int replicaId) {
        FollowerState follower = followers.get(replicaId);
        return follower == null ? -1 : follower.logEndOffset();
    }

    /** @return whether an ISR change is waiting for the controller */
    public synchronized boolean isrChangePending() {
        return pending != null;
    }

    @Override
    public String toString() {
        return "ReplicatedPartition(" + topicPartition + ", " + role + ", hw=" + log.highWatermark() + ")";
    }
}
