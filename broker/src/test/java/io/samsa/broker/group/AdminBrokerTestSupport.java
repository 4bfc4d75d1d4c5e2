package io.samsa.broker.group;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A started {@link GroupTestBroker} and a kafka-clients 4.1 {@link Admin} on it for each test, both
 * closed after it. Subclasses seed topics in their own {@code @BeforeEach} (run after this one).
 */
abstract class AdminBrokerTestSupport {
    @TempDir
    Path dataDir;

    GroupTestBroker broker;
    Admin admin;

    /** @return broker config overrides for this test class */
    Map<String, String> brokerOverrides() {
        return Map.of();
    }

    @BeforeEach
    void startBrokerAndAdmin() throws Exception {
        broker = GroupTestBroker.start(dataDir, brokerOverrides());
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        admin = Admin.create(props);
    }

    @AfterEach
    void stopBrokerAndAdmin() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
