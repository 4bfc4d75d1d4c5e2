package io.samsa.broker.group;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh broker with group APIs and a raw wire client per test, both closed after it. */
abstract class GroupBrokerTestSupport {
    @TempDir
    Path dataDir;

    GroupTestBroker broker;
    GroupWireClient client;

    @BeforeEach
    void start() throws Exception {
        broker = GroupTestBroker.start(dataDir, Map.of()).createTopics(3, "t");
        client = new GroupWireClient(broker.port());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        broker.close();
    }
}
