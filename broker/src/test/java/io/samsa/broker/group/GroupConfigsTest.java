package io.samsa.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 4 with kafka-clients 4.1's Admin: DescribeConfigs on GROUP resources reports Kafka
 * 4.1's group configs with the broker's group.* defaults; IncrementalAlterConfigs sets and deletes
 * them per group with Kafka's validation messages, honours validate_only, and the overrides survive
 * a restart. BROKER and TOPIC resources get a per-resource error, never a hang.
 */
class GroupConfigsTest extends AdminBrokerTestSupport {
    private static final ConfigResource GROUP = new ConfigResource(ConfigResource.Type.GROUP, "configured");
    private static final String SESSION = "consumer.session.timeout.ms";

    @Test
    void everyGroupConfigIsDescribedWithItsBrokerDefault() throws Exception {
        Config config = describe(admin, GROUP);
        assertEquals(new TreeSet<>(List.of("consumer.heartbeat.interval.ms", SESSION, "share.auto.offset.reset",
                "share.heartbeat.interval.ms", "share.isolation.level", "share.record.lock.duration.ms", "share.session.timeout.ms",
                "streams.heartbeat.interval.ms", "streams.num.standby.replicas", "streams.session.timeout.ms")), names(config.entries()));
        ConfigEntry session = config.get(SESSION);
        assertEquals("45000", session.value());
        assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, session.source());
        assertEquals(ConfigEntry.ConfigType.INT, session.type());
        assertEquals(List.of(SESSION), session.synonyms().stream().map(ConfigEntry.ConfigSynonym::name).toList());
        assertNotNull(session.documentation());
        assertEquals("latest", config.get("share.auto.offset.reset").value());
        assertEquals(ConfigEntry.ConfigType.STRING, config.get("share.auto.offset.reset").type());
    }

    @Test
    void setThenDeleteAGroupConfigAndKeepItAcrossARestart() throws Exception {
        alter(GROUP, new AlterConfigOp(new ConfigEntry(SESSION, "50000"), AlterConfigOp.OpType.SET));
        ConfigEntry set = describe(admin, GROUP).get(SESSION);
        assertEquals("50000", set.value());
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_GROUP_CONFIG, set.source());
        assertEquals("45000", describe(admin, new ConfigResource(ConfigResource.Type.GROUP, "other")).get(SESSION).value());

        broker.close();
        admin.close();
        broker = GroupTestBroker.start(dataDir, Map.of());
        admin = newAdmin();
        assertEquals("50000", describe(admin, GROUP).get(SESSION).value(), "the override survives a restart");

        alter(GROUP, new AlterConfigOp(new ConfigEntry(SESSION, ""), AlterConfigOp.OpType.DELETE));
        ConfigEntry deleted = describe(admin, GROUP).get(SESSION);
        assertEquals("45000", deleted.value());
        assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, deleted.source());
    }

    @Test
    void validateOnlyChecksWithoutStoring() throws Exception {
        admin.incrementalAlterConfigs(Map.of(GROUP, List.of(new AlterConfigOp(new ConfigEntry(SESSION, "55000"),
                AlterConfigOp.OpType.SET))), new AlterConfigsOptions().validateOnly(true)).all().get();
        assertEquals("45000", describe(admin, GROUP).get(SESSION).value());
        assertInvalidConfig("consumer.session.timeout.ms must be less than or equal to group.consumer.max.session.timeout.ms",
                () -> admin.incrementalAlterConfigs(Map.of(GROUP, List.of(new AlterConfigOp(new ConfigEntry(SESSION, "70000"),
                        AlterConfigOp.OpType.SET))), new AlterConfigsOptions().validateOnly(true)).all().get());
    }

    @Test
    void invalidValuesAndUnknownNamesAreRefusedWithKafkasMessages() {
        assertInvalidConfig("consumer.session.timeout.ms must be less than or equal to group.consumer.max.session.timeout.ms",
                () -> alter(GROUP, new AlterConfigOp(new ConfigEntry(SESSION, "70000"), AlterConfigOp.OpType.SET)));
        assertInvalidConfig("consumer.heartbeat.interval.ms must be greater than or equal to group.consumer.min.heartbeat.interval.ms",
                () -> alter(GROUP, new AlterConfigOp(new ConfigEntry("consumer.heartbeat.interval.ms", "10"), AlterConfigOp.OpType.SET)));
        assertInvalidConfig("Invalid value soon for configuration consumer.session.timeout.ms: Not a number of type INT",
                () -> alter(GROUP, new AlterConfigOp(new ConfigEntry(SESSION, "soon"), AlterConfigOp.OpType.SET)));
        assertInvalidConfig("Unknown group config name: consumer.session.timeout",
                () -> alter(GROUP, new AlterConfigOp(new ConfigEntry("consumer.session.timeout", "50000"), AlterConfigOp.OpType.SET)));
        assertInvalidConfig("Invalid value sometimes for configuration share.isolation.level: String must be one of: read_committed,"
                + " read_uncommitted",
                () -> alter(GROUP, new AlterConfigOp(new ConfigEntry("share.isolation.level", "sometimes"), AlterConfigOp.OpType.SET)));
    }

    @Test
    void brokerAndTopicResourcesAnswerAPerResourceError() throws Exception {
        ConfigResource brokerResource = new ConfigResource(ConfigResource.Type.BROKER, "0");
        ExecutionException brokerFailure = assertThrows(ExecutionException.class, () -> alter(brokerResource,
                new AlterConfigOp(new ConfigEntry("log.retention.ms", "1000"), AlterConfigOp.OpType.SET)));
        assertInstanceOf(InvalidRequestException.class, brokerFailure.getCause());
        assertEquals("Cannot update these configs dynamically: Set(log.retention.ms)", brokerFailure.getCause().getMessage());
        // deleting throttles never set (kafka-reassign-partitions --verify does) succeeds, as on Kafka
        admin.incrementalAlterConfigs(Map.of(brokerResource, List.of(
                new AlterConfigOp(new ConfigEntry("leader.replication.throttled.rate", ""), AlterConfigOp.OpType.DELETE),
                new AlterConfigOp(new ConfigEntry("follower.replication.throttled.rate", ""), AlterConfigOp.OpType.DELETE))))
                .all().get();

        ExecutionException topicFailure = assertThrows(ExecutionException.class, () -> alter(
                new ConfigResource(ConfigResource.Type.TOPIC, "absent"),
                new AlterConfigOp(new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET)));
        assertInstanceOf(UnknownTopicOrPartitionException.class, topicFailure.getCause());
    }

    private void alter(ConfigResource resource, AlterConfigOp op) throws Exception {
        admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
    }

    private static Config describe(Admin admin, ConfigResource resource) throws Exception {
        return admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().includeSynonyms(true)
                .includeDocumentation(true)).all().get().get(resource);
    }

    private static Set<String> names(Collection<ConfigEntry> entries) {
        Set<String> names = new TreeSet<>();
        entries.forEach(entry -> names.add(entry.name()));
        return names;
    }

    private static void assertInvalidConfig(String message, org.junit.jupiter.api.function.Executable call) {
        ExecutionException failure = assertThrows(ExecutionException.class, call);
        assertInstanceOf(InvalidConfigurationException.class, failure.getCause());
        assertEquals(message, failure.getCause().getMessage());
    }

    private Admin newAdmin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(props);
    }
}
