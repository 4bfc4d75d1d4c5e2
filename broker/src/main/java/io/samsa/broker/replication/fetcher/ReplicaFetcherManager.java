package io.samsa.broker.replication.fetcher;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.replication.FollowerSync;
import io.samsa.broker.replication.ReplicaEndpoints;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicationConfig;
import io.samsa.protocol.util.Time;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The replica fetchers of this broker: one {@link ReplicaFetcher} per leader broker it follows
 * partitions of (num.replica.fetchers = 1), each with its own worker thread, all on one shared
 * Netty event loop. A partition moves between fetchers when its leader changes.
 *
 * <p>Thread-safe.
 */
public final class ReplicaFetcherManager implements FollowerSync, BrokerComponent {
    private final ReplicationConfig config;
    private final Time time;
    private final ReplicaEndpoints endpoints;
    private final ReplicaManager replicas;
    private final Map<Integer, ReplicaFetcher> fetchers = new ConcurrentHashMap<>();
    private final Map<Integer, ScheduledExecutorService> workers = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Integer> leaders = new ConcurrentHashMap<>();
    private volatile EventLoopGroup group;

    public ReplicaFetcherManager(ReplicationConfig config, Time time, ReplicaEndpoints endpoints, ReplicaManager replicas) {
        this.config = config;
        this.time = time;
        this.endpoints = endpoints;
        this.replicas = replicas;
    }

    @Override
    public String name() {
        return "replica-fetchers";
    }

    @Override
    public void start() {
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("samsa-replica-fetcher-io", true), NioIoHandler.newFactory());
    }

    @Override
    public synchronized void follow(TopicPartition partition, PartitionLog log, int leaderId, int leaderEpoch) {
        Integer previous = leaders.put(partition, leaderId);
        if (previous != null && previous != leaderId) {
            ReplicaFetcher old = fetchers.get(previous);
            if (old != null) {
                old.remove(partition);
            }
        }
        fetchers.computeIfAbsent(leaderId, this::newFetcher).add(partition, new FetchState(log, leaderEpoch));
    }

    @Override
    public synchronized void unfollow(TopicPartition partition) {
        Integer leader = leaders.remove(partition);
        if (leader != null) {
            ReplicaFetcher fetcher = fetchers.get(leader);
            if (fetcher != null) {
                fetcher.remove(partition);
            }
        }
    }

    private ReplicaFetcher newFetcher(int leaderId) {
        EventLoopGroup loop = group;
        if (loop == null) {
            throw new IllegalStateException("replica fetchers not started");
        }
        ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1,
                new DefaultThreadFactory("samsa-replica-fetcher-" + leaderId, true));
        worker.setRemoveOnCancelPolicy(true);
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        workers.put(leaderId, worker);
        return new ReplicaFetcher(leaderId, config, time, endpoints, loop, worker, replicas::partition);
    }

    @Override
    public synchronized void close() throws InterruptedException {
        fetchers.values().forEach(ReplicaFetcher::close);
        for (ScheduledExecutorService worker : workers.values()) {
            worker.shutdown();
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        }
        EventLoopGroup loop = group;
        if (loop != null) {
            loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
        fetchers.clear();
        workers.clear();
    }
}
