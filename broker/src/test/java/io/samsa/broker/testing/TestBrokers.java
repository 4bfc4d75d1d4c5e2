package io.samsa.broker.testing;

import io.samsa.broker.Broker;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.config.BrokerConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Starts in-process brokers on 127.0.0.1 with an ephemeral port and small thread pools. */
public final class TestBrokers {
    private TestBrokers() {
    }

    /** @return the overrides every test broker uses, plus {@code extra} */
    public static BrokerConfig config(Map<String, String> extra) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("listeners", "PLAINTEXT://127.0.0.1:0");
        overrides.put("num.network.threads", "2");
        overrides.put("num.io.threads", "4");
        overrides.put("samsa.shutdown.timeout.ms", "5000");
        // Creating 50 offsets partitions costs ~1.3 s per fresh data dir (a dir and segment fsync each).
        overrides.put("offsets.topic.num.partitions", "5");
        overrides.putAll(extra);
        return BrokerConfig.of(overrides);
    }

    /** @return a started broker serving {@code handlers}; the caller closes it */
    public static Broker start(Map<String, String> extra, ApiHandler... handlers) throws Exception {
        Broker.Builder builder = Broker.builder(config(extra));
        for (ApiHandler handler : handlers) {
            builder.handler(handler);
        }
        return builder.build().start();
    }

    /** @return a kafka-clients Admin on {@code broker} (10 s per request, 20 s per call); the caller closes it */
    public static Admin admin(Broker broker) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + broker.boundPort());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(props);
    }
}
