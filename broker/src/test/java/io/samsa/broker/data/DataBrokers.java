package io.samsa.broker.data;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.util.Time;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Test fixture: the real broker (through {@link BrokerAssembly}) on 127.0.0.1 over a temp data dir. */
final class DataBrokers {
    private DataBrokers() {
    }

    /** @return a started broker keeping its data in {@code dataDir}; the caller closes it */
    static Broker start(Path dataDir, Map<String, String> extra) throws Exception {
        Map<String, String> overrides = new HashMap<>(extra);
        overrides.put("log.dirs", dataDir.toString());
        return BrokerAssembly.build(TestBrokers.config(overrides), Time.SYSTEM).start();
    }

    static String bootstrap(Broker broker) {
        return "127.0.0.1:" + broker.boundPort();
    }

    static Admin admin(Broker broker) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(broker));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(props);
    }

    static void createTopic(Broker broker, String name, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
        }
    }
}
