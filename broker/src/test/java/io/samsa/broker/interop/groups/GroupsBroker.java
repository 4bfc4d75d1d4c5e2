package io.samsa.broker.interop.groups;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Our assembled broker ({@link BrokerAssembly}) in this JVM on 127.0.0.1, tuned for group tests: no
 * initial rebalance delay, 3 offsets partitions, a 1 s minimum session timeout. It keeps its logs in
 * a directory the test owns, so {@link #restart} brings back the same topics and committed offsets.
 * Also holds one kafka-clients {@link Admin} for the test's topic and group set-up and checks.
 *
 * <p>Not thread-safe: the test thread starts, restarts and closes it.
 */
final class GroupsBroker implements GroupsTarget {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Consumer-protocol groups at test speed: a 6 s session (1 s allowed), heartbeats every 300 ms (100 ms allowed). */
    static final Map<String, String> FAST_CONSUMER_GROUPS = Map.of(
            "group.consumer.min.session.timeout.ms", "1000",
            "group.consumer.session.timeout.ms", "6000",
            "group.consumer.min.heartbeat.interval.ms", "100",
            "group.consumer.heartbeat.interval.ms", "300");

    private final Path dataDir;
    private final Map<String, String> extra;
    private Broker broker;
    private Admin admin;

    private GroupsBroker(Path dataDir, Map<String, String> extra) {
        this.dataDir = dataDir;
        this.extra = Map.copyOf(extra);
    }

    /** @return a started broker whose group coordinator answers; the caller closes it */
    static GroupsBroker start(Path dataDir) throws Exception {
        return start(dataDir, Map.of());
    }

    /**
     * @param extra broker config overrides applied over the test settings
     * @return a started broker whose group coordinator answers; the caller closes it
     */
    static GroupsBroker start(Path dataDir, Map<String, String> extra) throws Exception {
        GroupsBroker started = new GroupsBroker(dataDir, extra);
        try {
            started.open();
        } catch (Exception | Error e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** Closes the broker cleanly and starts a new one on the same data directory (on a new port). */
    @Override
    public void restart() throws Exception {
        shutdown();
        open();
    }

    /** @return {@code 127.0.0.1:port} of the running broker */
    @Override
    public String bootstrap() {
        return "127.0.0.1:" + broker.boundPort();
    }

    /** @return an Admin client on the running broker, owned by this object */
    @Override
    public Admin admin() {
        return admin;
    }

    @Override
    public void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }

    @Override
    public void close() {
        shutdown();
    }

    private void open() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("log.dirs", dataDir.toString());
        overrides.put("offsets.topic.num.partitions", "3");
        overrides.put("group.initial.rebalance.delay.ms", "0");
        overrides.put("group.min.session.timeout.ms", "1000");
        overrides.putAll(extra);
        broker = BrokerAssembly.build(TestBrokers.config(overrides), Time.SYSTEM).start();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        admin = Admin.create(props);
        // Listing groups fails with COORDINATOR_LOAD_IN_PROGRESS until every offsets partition is loaded.
        Await.until(WAIT, "offsets partitions loaded", this::groupsListable);
    }

    private boolean groupsListable() {
        try {
            admin.listGroups().all().get();
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void shutdown() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
