package io.samsa.broker.group;

import io.samsa.broker.Broker;
import io.samsa.broker.admin.ApiVersionsApiHandler;
import io.samsa.broker.admin.ApiVersionsHandler;
import io.samsa.broker.admin.DescribeClusterHandler;
import io.samsa.broker.admin.MessageApiHandler;
import io.samsa.broker.admin.MetadataHandler;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.metadata.BrokerConfigPorts;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.broker.topics.PartitionLogsListener;
import io.samsa.broker.topics.TopicLogConfigs;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.broker.topics.TopicStore;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ListGroupsRequest;
import io.samsa.protocol.message.ListGroupsResponse;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import io.samsa.storage.LogConfig;
import io.samsa.storage.LogManager;
import io.samsa.storage.LogManagerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A real broker on 127.0.0.1 for the group tests, wired as the broker assembly does: storage and
 * the topic registry in {@code dataDir}, the {@link GroupModule}, and Metadata, DescribeCluster
 * and ApiVersions so kafka-clients can bootstrap. Starting a second one on the same directory is
 * a broker restart. Small groups settings keep tests fast: 5 offsets partitions, no initial
 * rebalance delay, a 1 s minimum session timeout.
 */
final class GroupTestBroker implements AutoCloseable {
    static final String CLUSTER_ID = "group-test-cluster";

    final Broker broker;
    final GroupModule groups;
    final TopicRegistry registry;
    final LogManager logs;

    private GroupTestBroker(Path dataDir, Map<String, String> extra) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("log.dirs", dataDir.toString());
        overrides.put("offsets.topic.num.partitions", "5");
        overrides.put("group.initial.rebalance.delay.ms", "0");
        overrides.put("group.min.session.timeout.ms", "1000");
        overrides.putAll(extra);
        BrokerConfig config = TestBrokers.config(overrides);
        Time time = Time.SYSTEM;
        registry = new TopicRegistry(new TopicStore(dataDir), TopicRegistry.DEFAULT_MAX_PARTITIONS_PER_TOPIC);
        logs = new LogManager(LogManagerConfig.fromMap(Map.of(LogManagerConfig.LOG_DIRS, dataDir.toString())),
                new TopicLogConfigs(registry, LogConfig.DEFAULT), time);
        BrokerConfigPorts ports = new BrokerConfigPorts(config);
        AtomicReference<Broker> self = new AtomicReference<>();
        Supplier<LocalBroker> local = () -> ports.localBroker(CLUSTER_ID, self.get().advertisedEndpoints().get(0));
        groups = new GroupModule(config, time, registry, () -> logs, local);

        Broker.Builder builder = Broker.builder(config).time(time).component(storage());
        groups.components().forEach(builder::component);
        List<ApiHandler> handlers = new ArrayList<>(groups.handlers());
        handlers.add(new MessageApiHandler<>(new MetadataHandler(registry, local, ports.topicCreationDefaults())));
        handlers.add(new MessageApiHandler<>(new DescribeClusterHandler(local)));
        List<ApiKey> served = new ArrayList<>();
        for (ApiHandler handler : handlers) {
            builder.handler(handler);
            served.add(ApiKey.forId(handler.spec().apiKey()));
        }
        builder.handler(new ApiVersionsApiHandler(new ApiVersionsHandler(served)));
        broker = builder.build();
        self.set(broker);
        broker.start();
    }

    /** @return a started broker over {@code dataDir} whose offsets partitions are loaded; the caller closes it */
    static GroupTestBroker start(Path dataDir, Map<String, String> extra) throws Exception {
        GroupTestBroker started = new GroupTestBroker(dataDir, extra);
        try (GroupWireClient client = new GroupWireClient(started.port())) {
            // ListGroups reports COORDINATOR_LOAD_IN_PROGRESS while any offsets partition is loading.
            Await.until(Duration.ofSeconds(10), "offsets partitions loaded", () -> {
                try {
                    ListGroupsResponse response = client.call(new ListGroupsRequest(), 0);
                    return response.errorCode() == ErrorCode.NONE.code();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (RuntimeException | Error | IOException e) {
            started.close();
            throw e;
        }
        return started;
    }

    int port() {
        return broker.boundPort();
    }

    String bootstrap() {
        return "127.0.0.1:" + port();
    }

    /** Storage as the topics module runs it: recover logs, then follow the registry. */
    private BrokerComponent storage() {
        return new BrokerComponent() {
            @Override
            public String name() {
                return "storage";
            }

            @Override
            public void start() {
                logs.startup(false);
                PartitionLogsListener listener = new PartitionLogsListener(logs);
                listener.reconcile(registry);
                registry.addListener(listener);
            }

            @Override
            public void close() {
                logs.shutdown();
            }
        };
    }

    @Override
    public void close() {
        broker.close();
    }
}
