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
 * The replica fetchers of this broker: num.replica.fetchers {@link ReplicaFetcher}s per leader
 * broker it follows partitions of (a partition goes to the one its hash picks), each with its own
 * connection and worker thread, all on one shared Netty event loop. A partition moves between
 * fetchers when its leader changes.
 *
 * <p>Thread-safe.
 */
public final class ReplicaFetcherManager implements FollowerSync, BrokerComponent {
    private final ReplicationConfig config;
    private final Time time;
    private final ReplicaEndpoints endpoints;
    private final ReplicaManager replicas;
    private final Map<FetcherId, ReplicaFetcher> fetchers = new ConcurrentHashMap<>();
    private final Map<FetcherId, ScheduledExecutorService> workers = new ConcurrentHashMap<>();
    private final Map<TopicPartition, FetcherId> assigned = new ConcurrentHashMap<>();

    /** Which fetcher: the leader fetched from, and the index among that leader's fetchers. */
    private record FetcherId(int leaderId, int index) {
    }
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
        FetcherId id = new FetcherId(leaderId, Math.floorMod(31 * partition.topic().hashCode() + partition.partition(),
                config.numReplicaFetchers()));
        FetcherId previous = assigned.put(partition, id);
        if (previous != null && !previous.equals(id)) {
            ReplicaFetcher old = fetchers.get(previous);
            if (old != null) {
                old.remove(partition);
            }
        }
        fetchers.computeIfAbsent(id, this::newFetcher).add(partition, new FetchState(log, leaderEpoch));
    }

    @Override
    public synchronized void unfollow(TopicPartition partition) {
        FetcherId id = assigned.remove(partition);
        if (id != null) {
            ReplicaFetcher fetcher = fetchers.get(id);
            if (fetcher != null) {
                fetcher.remove(partition);
            }
        }
    }

    private ReplicaFetcher newFetcher(FetcherId id) {
        EventLoopGroup loop = group;
        if (loop == null) {
            throw new IllegalStateException("replica fetchers not started");
        }
        ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1,
                new DefaultThreadFactory("samsa-replica-fetcher-" + id.leaderId() + "-" + id.index(), true));
        worker.setRemoveOnCancelPolicy(true);
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        workers.put(id, worker);
        return new ReplicaFetcher(id.leaderId(), config, time, endpoints, loop, worker, replicas::partition);
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
