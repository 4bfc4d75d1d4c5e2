package io.samsa.broker.replication;

import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.protocol.util.Time;
import io.samsa.storage.LogManager;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The replicated partitions of this broker and the roles the metadata gave them. A partition
 * without a role is a single-node partition, exactly as before replication: led here, ISR {self},
 * high watermark = log end offset, and none of this class's machinery on its path.
 *
 * <p>{@link #applyRole} makes this broker leader or follower of a partition: a leader tracks its
 * followers (through their fetches); a follower is handed to the {@link FollowerSync} (the replica
 * fetchers), which truncates to the divergence point and then fetches. A scheduler checks every
 * leader's ISR for lagging followers every half replica.lag.time.max.ms (as Kafka does).
 *
 * <p>Thread-safe.
 */
public final class ReplicaManager implements BrokerComponent {
    private final ReplicationConfig config;
    private final Time time;
    private final Supplier<LogManager> logs;
    private final AlterPartitionSender alterPartition;
    private final ConcurrentHashMap<TopicPartition, ReplicatedPartition> partitions = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<PartitionChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final PartitionChangeListener fanOut = partition -> listeners.forEach(l -> l.onChange(partition));
    private final CopyOnWriteArrayList<Consumer<PartitionLog>> roleListeners = new CopyOnWriteArrayList<>();
    private volatile FollowerSync followers = FollowerSync.NONE;
    private volatile java.util.function.IntPredicate isrEligible = replica -> true;
    private volatile boolean rolesRequired;
    private volatile ScheduledThreadPoolExecutor scheduler;

    /**
     * @param logs           the log manager (usable once storage started)
     * @param alterPartition where leaders send ISR changes
     */
    public ReplicaManager(ReplicationConfig config, Time time, Supplier<LogManager> logs, AlterPartitionSender alterPartition) {
        this.config = config;
        this.time = time;
        this.logs = logs;
        this.alterPartition = alterPartition;
    }

    @Override
    public String name() {
        return "replica-manager";
    }

    /** Sets the replica fetchers; before any role is applied. */
    public void followerSync(FollowerSync sync) {
        this.followers = sync;
    }

    /** Sets which replicas may join an ISR now (cluster mode: the unfenced brokers of the image); default all. */
    public void isrEligibility(java.util.function.IntPredicate eligible) {
        this.isrEligible = eligible;
    }

    /**
     * Cluster mode: a partition is led or followed only as a role says, never single-node; one
     * whose role has not come yet (a restart before the image caught up) answers
     * NOT_LEADER_OR_FOLLOWER instead of accepting writes.
     */
    public void requireRoles() {
        this.rolesRequired = true;
    }

    /** Adds a listener told of every high watermark, ISR and role change. */
    public void addListener(PartitionChangeListener listener) {
        listeners.add(listener);
    }

    /**
     * Adds a listener told, with the partition's log, whenever this broker becomes leader or
     * follower under a new leader epoch: state derived from the log (idempotent producers) must be
     * rebuilt, as follower appends and truncation bypass it.
     */
    public void addRoleListener(Consumer<PartitionLog> listener) {
        roleListeners.add(listener);
    }

    public ReplicationConfig config() {
        return config;
    }

    @Override
    public void start() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("samsa-isr-expiry", true));
        long periodMs = Math.max(1, config.replicaLagTimeMaxMs() / 2);
        executor.scheduleWithFixedDelay(() -> shrinkIsrs(time.milliseconds()), periodMs, periodMs, TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    /**
     * Makes this broker leader or follower of {@code partition} (its log is created when absent).
     * A role with an older leader epoch than the current one is ignored. A role without a leader
     * (-1: the partition is offline) makes it neither: it fetches from nobody and answers
     * NOT_LEADER_OR_FOLLOWER.
     *
     * @return the partition
     */
    public ReplicatedPartition applyRole(TopicPartition partition, PartitionRole role) {
        PartitionLog log = logs.get().getOrCreateLog(partition);
        ReplicatedPartition replicated = partitions.compute(partition, (tp, existing) ->
                existing != null && existing.log() == log ? existing : newPartition(tp, log));
        boolean wasFollowing = replicated.role() != null && !replicated.isLeader();
        int epochBefore = replicated.leaderEpoch();
        if (replicated.applyRole(role, time.milliseconds())) {
            if (epochBefore != role.leaderEpoch()) {
                roleListeners.forEach(listener -> listener.accept(log));
            }
            if (role.isLeader(config.nodeId()) || role.leaderId() < 0) {
                followers.unfollow(partition); // leading, or offline (no leader to fetch from)
            } else if (!wasFollowing || epochBefore != role.leaderEpoch()) {
                followers.follow(partition, log, role.leaderId(), role.leaderEpoch());
            }
        }
        return replicated;
    }

    private ReplicatedPartition newPartition(TopicPartition partition, PartitionLog log) {
        return new ReplicatedPartition(partition, log, config.nodeId(), config.replicaLagTimeMaxMs(), alterPartition,
                fanOut, replica -> isrEligible.test(replica));
    }

    /** Forgets a partition's role (deleted, or no longer a replica here); it stops fetching. Listeners are told. */
    public void removeRole(TopicPartition partition) {
        followers.unfollow(partition);
        if (partitions.remove(partition) != null) {
            fanOut.onChange(partition);
        }
    }

    /**
     * @return the replicated partition, or empty for a single-node one (no role); when roles are
     *         required (cluster mode), a partition with a log but no role yet is one without a
     *         role, which neither leads nor follows
     */
    public Optional<ReplicatedPartition> partition(TopicPartition partition) {
        ReplicatedPartition found = partitions.get(partition);
        if (found != null && found.log() == logs.get().getLog(partition).orElse(null)) {
            return Optional.of(found);
        }
        if (!rolesRequired) {
            return Optional.empty(); // the log was deleted or re-created; the role went with it
        }
        PartitionLog log = logs.get().getLog(partition).orElse(null);
        return log == null ? Optional.empty() : Optional.of(partitions.compute(partition, (tp, existing) ->
                existing != null && existing.log() == log ? existing : newPartition(tp, log)));
    }

    /** @return every replicated partition */
    public Collection<ReplicatedPartition> partitions() {
        return List.copyOf(partitions.values());
    }

    /** One ISR-expiry pass over the partitions this broker leads. */
    public void shrinkIsrs(long nowMs) {
        for (ReplicatedPartition partition : partitions.values()) {
            partition.maybeShrinkIsr(nowMs);
        }
    }

    @Override
    public void close() throws InterruptedException {
        ScheduledThreadPoolExecutor executor = scheduler;
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
