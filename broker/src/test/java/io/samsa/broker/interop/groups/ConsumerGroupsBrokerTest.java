package io.samsa.broker.interop.groups;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the consumer-protocol interop tests: one in-process broker per test class
 * ({@link GroupsBroker}, with {@link GroupsBroker#FAST_CONSUMER_GROUPS}), started before the first
 * test and closed after the last.
 */
abstract class ConsumerGroupsBrokerTest {
    @TempDir
    static Path dataDir;
    static GroupsBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = GroupsBroker.start(dataDir, GroupsBroker.FAST_CONSUMER_GROUPS);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
