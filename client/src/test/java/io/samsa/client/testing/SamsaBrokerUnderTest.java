package io.samsa.client.testing;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.storage.MetaProperties;
import io.samsa.protocol.util.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link BrokerUnderTest} over the real Samsa broker (built by {@link BrokerAssembly}, as
 * {@code SamsaBroker#main} builds it) running in this JVM on 127.0.0.1 with an ephemeral port and a
 * fresh temporary data directory, which {@link #close} deletes.
 *
 * <p>Settings mirror {@link KafkaBroker}'s single-node defaults: node id 1, one partition per new
 * topic, one offsets-topic and one transaction-state partition, no initial rebalance delay.
 * Thread-safe for reading.
 */
final class SamsaBrokerUnderTest implements BrokerUnderTest {
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final Broker broker;

    private SamsaBrokerUnderTest(Path dataDir, Broker broker) {
        this.dataDir = dataDir;
        this.broker = broker;
    }

    static SamsaBrokerUnderTest start(Map<String, String> extra) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("samsa-broker-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "node.id", Integer.toString(NODE_ID),
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dataDir.toString(),
                "num.partitions", "1",
                "offsets.topic.num.partitions", "1",
                "transaction.state.log.num.partitions", "1",
                "group.initial.rebalance.delay.ms", "0"));
            settings.putAll(extra);
            BrokerConfig config = BrokerConfig.of(settings);
            return new SamsaBrokerUnderTest(dataDir, BrokerAssembly.build(config, Time.SYSTEM).start());
        } catch (Exception e) {
            KafkaBroker.deleteRecursively(dataDir);
            throw new IllegalStateException("the Samsa broker did not start", e);
        }
    }

    @Override
    public int port() {
        return broker.boundPort();
    }

    @Override
    public int nodeId() {
        return NODE_ID;
    }

    /** Read back from the data directory's meta.properties, which the broker wrote at start. */
    @Override
    public String clusterId() {
        return MetaProperties.loadOrCreateClusterId(dataDir, NODE_ID);
    }

    @Override
    public String name() {
        return "samsa";
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            KafkaBroker.deleteRecursively(dataDir);
        }
    }

    @Override
    public String toString() {
        return "SamsaBroker(" + bootstrapServers() + ", dir " + dataDir + ")";
    }
}
