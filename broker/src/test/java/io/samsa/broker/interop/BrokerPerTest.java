package io.samsa.broker.interop;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the client interop tests: a fresh in-process broker with its own data directory for
 * every test, closed after it however the test ends.
 */
abstract class BrokerPerTest {
    @TempDir
    Path dataDir;
    InteropBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = InteropBroker.start(dataDir);
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
