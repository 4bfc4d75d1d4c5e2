package io.samsa.broker.group;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.CreateTopicsRequest;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableTopic;
import io.samsa.protocol.message.CreateTopicsResponse;
import io.samsa.protocol.message.ListGroupsRequest;
import io.samsa.protocol.message.ListGroupsResponse;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real broker (through {@link BrokerAssembly}) on 127.0.0.1 over a temp data directory, for
 * the group tests; starting a second one on the same directory is a broker restart. Group settings
 * that keep tests fast: 5 offsets partitions, no initial rebalance delay, a 1 s minimum session
 * timeout.
 */
final class GroupTestBroker implements AutoCloseable {
    final Broker broker;

    private GroupTestBroker(Broker broker) {
        this.broker = broker;
    }

    /** @return a started broker over {@code dataDir} whose offsets partitions are loaded; the caller closes it */
    static GroupTestBroker start(Path dataDir, Map<String, String> extra) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("log.dirs", dataDir.toString());
        overrides.put("offsets.topic.num.partitions", "5");
        overrides.put("group.initial.rebalance.delay.ms", "0");
        overrides.put("group.min.session.timeout.ms", "1000");
        overrides.putAll(extra);
        GroupTestBroker started = new GroupTestBroker(BrokerAssembly.build(TestBrokers.config(overrides), Time.SYSTEM).start());
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

    /**
     * Creates topics of {@code partitions} partitions each: offsets are refused for partitions that do
     * not exist (UNKNOWN_TOPIC_OR_PARTITION), so tests that commit create their topics first.
     */
    GroupTestBroker createTopics(int partitions, String... names) throws IOException {
        List<CreatableTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new CreatableTopic().setName(name).setNumPartitions(partitions).setReplicationFactor((short) 1));
        }
        try (GroupWireClient client = new GroupWireClient(port())) {
            CreateTopicsResponse response = client.call(new CreateTopicsRequest().setTopics(topics), 7);
            response.topics().forEach(topic -> {
                if (topic.errorCode() != ErrorCode.NONE.code()) {
                    throw new IllegalStateException("creating " + topic.name() + ": error " + topic.errorCode());
                }
            });
        }
        return this;
    }

    int port() {
        return broker.boundPort();
    }

    String bootstrap() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        broker.close();
    }
}
