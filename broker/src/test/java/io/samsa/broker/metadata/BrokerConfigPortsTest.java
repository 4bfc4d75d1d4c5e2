package io.samsa.broker.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.Endpoint;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BrokerConfigPortsTest {

    @Test
    void readsTheHandlersPortsOffTheBrokerConfig() {
        BrokerConfigPorts ports = new BrokerConfigPorts(BrokerConfig.of(Map.of("node.id", "3", "num.partitions", "4",
                "auto.create.topics.enable", "false", "delete.topic.enable", "false", "log.retention.hours", "1",
                "log.segment.bytes", "1048576")));
        assertEquals(new TopicCreationDefaults(4, (short) 1, false), ports.topicCreationDefaults());
        assertFalse(ports.deleteTopicEnable());
        assertEquals(new LocalBroker(3, "cid", "127.0.0.1", 9093, null),
                ports.localBroker("cid", new Endpoint("PLAINTEXT", "127.0.0.1", 9093)));

        Map<String, String> topicDefaults = ports.staticTopicDefaults();
        assertEquals("3600000", topicDefaults.get("log.retention.ms"));
        assertEquals("1048576", topicDefaults.get("log.segment.bytes"));
        assertNull(topicDefaults.get("log.retention.hours"));
        assertNull(topicDefaults.get("log.roll.ms"));

        Map<String, ConfigValue> described = ports.brokerConfigView().brokerConfigs().stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v));
        assertEquals(new ConfigValue("num.partitions", "4", ConfigSource.STATIC_BROKER_CONFIG, false, ConfigDataType.INT), described.get("num.partitions"));
        assertEquals(ConfigSource.DEFAULT_CONFIG, described.get("socket.request.max.bytes").source());
        assertEquals(ConfigDataType.LIST, described.get("listeners").type());
        assertEquals(ConfigDataType.BOOLEAN, described.get("auto.create.topics.enable").type());
        assertNull(described.get("log.retention.ms").value()); // optional and unset
    }
}
