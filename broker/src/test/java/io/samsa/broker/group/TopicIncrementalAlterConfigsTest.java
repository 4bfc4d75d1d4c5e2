package io.samsa.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IncrementalAlterConfigs on TOPIC resources with kafka-clients 4.1's Admin: SET, DELETE, APPEND and
 * SUBTRACT on a list key, validate_only, and the topic config policy's refusals (INVALID_CONFIG).
 */
class TopicIncrementalAlterConfigsTest extends AdminBrokerTestSupport {
    private static final ConfigResource TOPIC = new ConfigResource(ConfigResource.Type.TOPIC, "tuned");

    @BeforeEach
    void createTopic() throws Exception {
        admin.createTopics(List.of(new NewTopic("tuned", 2, (short) 1))).all().get();
    }

    @Test
    void setAppendSubtractAndDeleteTopicConfigs() throws Exception {
        alter(new AlterConfigOp(new ConfigEntry("retention.ms", "60000"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND));
        Config config = describe();
        assertEquals("60000", config.get("retention.ms").value());
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, config.get("retention.ms").source());
        assertEquals("delete,compact", config.get("cleanup.policy").value());

        alter(new AlterConfigOp(new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SUBTRACT),
                new AlterConfigOp(new ConfigEntry("retention.ms", ""), AlterConfigOp.OpType.DELETE));
        config = describe();
        assertEquals("compact", config.get("cleanup.policy").value());
        assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, config.get("retention.ms").source());
    }

    @Test
    void validateOnlyAndRefusalsChangeNothing() throws Exception {
        admin.incrementalAlterConfigs(Map.of(TOPIC, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "60000"),
                AlterConfigOp.OpType.SET))), new AlterConfigsOptions().validateOnly(true)).all().get();
        assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, describe().get("retention.ms").source());

        ExecutionException notAList = assertThrows(ExecutionException.class,
                () -> alter(new AlterConfigOp(new ConfigEntry("retention.ms", "1"), AlterConfigOp.OpType.APPEND)));
        assertInstanceOf(InvalidConfigurationException.class, notAList.getCause());
        assertEquals("Config value append is not allowed for config key: retention.ms", notAList.getCause().getMessage());

        ExecutionException badValue = assertThrows(ExecutionException.class,
                () -> alter(new AlterConfigOp(new ConfigEntry("retention.ms", "soon"), AlterConfigOp.OpType.SET)));
        assertInstanceOf(InvalidConfigurationException.class, badValue.getCause());
        assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, describe().get("retention.ms").source());
    }

    private void alter(AlterConfigOp... ops) throws Exception {
        admin.incrementalAlterConfigs(Map.of(TOPIC, List.of(ops))).all().get();
    }

    private Config describe() throws Exception {
        return admin.describeConfigs(List.of(TOPIC)).all().get().get(TOPIC);
    }
}
