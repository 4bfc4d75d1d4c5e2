package io.samsa.broker.interop;

import io.samsa.broker.testing.OnCluster;
import io.samsa.broker.testing.SharedCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the client interop tests: a fresh in-process broker with its own data directory for
 * every test, closed after it however the test ends; or, for a subclass marked {@link OnCluster},
 * one 3-node cluster shared by the class's tests.
 */
abstract class BrokerPerTest {
    /** Runs only for a subclass marked {@link OnCluster}: then every test of the class talks to this cluster. */
    @RegisterExtension
    static final SharedCluster CLUSTER = SharedCluster.whenOnCluster(builder -> builder.nodes(3));

    @TempDir
    Path dataDir;
    InteropTarget broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = CLUSTER.isRunning() ? new ClusterTarget(CLUSTER) : InteropBroker.start(dataDir);
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    /**
     * Asserts the client under test read back exactly {@code expected} (its output lines are
     * {@code partition:offset:key:value}), and so does the Java 4.1 client reading {@code topic}.
     */
    void assertClientAndOracleReadExactly(Expected expected, ToolProcess.Result client, String clientName, String topic) {
        expected.assertReadExactlyOnceInOrder(KeyedRecord.parseAll(client.lines()), clientName);
        expected.assertReadExactlyOnceInOrder(JavaOracle.readAll(broker.bootstrap(), topic), "kafka-clients 4.1");
    }
}
