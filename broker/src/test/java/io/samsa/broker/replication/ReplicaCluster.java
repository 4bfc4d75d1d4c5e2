package io.samsa.broker.replication;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.util.Time;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * In-process brokers 1..n on 127.0.0.1 that replicate to each other, with leadership assigned by
 * the test ({@link #assign}) and ISR changes committed by a {@link FakeController}. Closes every
 * broker it started.
 */
final class ReplicaCluster implements AutoCloseable {
    private static final long POLL_INTERVAL_NS = 5_000_000;

    private final Path dataDir;
    private final Map<String, String> overrides;
    private final FakeController controller = new FakeController().autoCommit(true);
    private final Map<Integer, InetSocketAddress> addresses = new ConcurrentHashMap<>();
    private final Map<Integer, Broker> brokers = new ConcurrentHashMap<>();
    private final Map<Integer, ReplicationEnvironment> environments = new ConcurrentHashMap<>();

    ReplicaCluster(Path dataDir, Map<String, String> overrides) {
        this.dataDir = dataDir;
        this.overrides = overrides;
    }

    ReplicaCluster start(int count) throws Exception {
        for (int id = 1; id <= count; id++) {
            startBroker(id);
        }
        return this;
    }

    void startBroker(int id) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of("node.id", String.valueOf(id),
                "log.dirs", dataDir.resolve("broker-" + id).toString(),
                "replica.fetch.wait.max.ms", "100", "replica.fetch.backoff.ms", "50"));
        config.putAll(overrides);
        ReplicationEnvironment environment = new ReplicationEnvironment(controller,
                brokerId -> Optional.ofNullable(addresses.get(brokerId)));
        Broker broker = BrokerAssembly.build(TestBrokers.config(config), Time.SYSTEM, environment).start();
        brokers.put(id, broker);
        environments.put(id, environment);
        addresses.put(id, new InetSocketAddress("127.0.0.1", broker.boundPort()));
    }

    void stop(int id) {
        addresses.remove(id);
        Broker broker = brokers.remove(id);
        if (broker != null) {
            broker.close();
        }
    }

    FakeController controller() {
        return controller;
    }

    Broker broker(int id) {
        return brokers.get(id);
    }

    ReplicaManager replicas(int id) {
        return environments.get(id).replicaManager();
    }

    String bootstrap(int id) {
        return "127.0.0.1:" + brokers.get(id).boundPort();
    }

    /** Creates the topic on every running broker (each holds a replica; the test assigns roles). */
    void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        for (int id : brokers.keySet()) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(id));
            try (Admin admin = Admin.create(props)) {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
            }
        }
    }

    /** Gives {@code role} to the partition on each listed broker. */
    void assign(TopicPartition partition, PartitionRole role, int... brokerIds) {
        for (int id : brokerIds) {
            replicas(id).applyRole(partition, role);
        }
    }

    PartitionLog log(int id, TopicPartition partition) {
        return replicas(id).partition(partition).orElseThrow().log();
    }

    /** @return the log's bytes from its start up to {@code endOffset} (exclusive, a batch boundary) */
    static byte[] bytesUpTo(PartitionLog log, long endOffset) {
        return io.samsa.broker.testing.LogBytes.upTo(log, endOffset);
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes. */
    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(POLL_INTERVAL_NS);
        }
    }

    @Override
    public void close() {
        for (int id : List.copyOf(brokers.keySet())) {
            stop(id);
        }
    }
}
