package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.group.configs.GroupConfigManager;
import io.samsa.broker.group.configs.InMemoryGroupConfigStore;
import io.samsa.broker.metadata.ConfigSource;
import io.samsa.broker.metadata.ConfigValue;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeConfigsRequest;
import io.samsa.protocol.message.DescribeConfigsRequest.DescribeConfigsResource;
import io.samsa.protocol.message.DescribeConfigsResponse;
import io.samsa.protocol.message.DescribeConfigsResponse.DescribeConfigsResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeConfigsHandlerTest {
    @TempDir
    Path dir;
    private AdminFixture fixture;
    private DescribeConfigsHandler handler;

    @BeforeEach
    void setUp() {
        fixture = new AdminFixture(dir);
        List<ConfigValue> brokerConfigs = List.of(
                new ConfigValue("num.partitions", "3", ConfigSource.STATIC_BROKER_CONFIG, false),
                new ConfigValue("sasl.jaas.config", "secret", ConfigSource.STATIC_BROKER_CONFIG, true),
                new ConfigValue("socket.request.max.bytes", "104857600", ConfigSource.DEFAULT_CONFIG, false));
        handler = new DescribeConfigsHandler(fixture.registry, fixture.localBroker, fixture.configPolicy, () -> brokerConfigs,
                new GroupConfigManager(BrokerConfig.defaults(), new InMemoryGroupConfigStore()));
        fixture.registry.create("t", 1, Map.of("retention.bytes", "1000", "message.format.version", "3.0"));
    }

    private static DescribeConfigsResource resource(int type, String name, List<String> keys) {
        return new DescribeConfigsResource().setResourceType((byte) type).setResourceName(name).setConfigurationKeys(keys);
    }

    private DescribeConfigsResponseData.DescribeConfigsResult one(DescribeConfigsResource resource, boolean synonyms, short version) {
        DescribeConfigsResponse response = handler.handle(new DescribeConfigsRequest().setIncludeSynonyms(synonyms)
                .setResources(new ArrayList<>(List.of(resource))), version);
        org.apache.kafka.common.requests.DescribeConfigsResponse parsed = KafkaWire.toKafka(response, version);
        return parsed.data().results().get(0);
    }

    private static Map<String, DescribeConfigsResponseData.DescribeConfigsResourceResult> byName(
            DescribeConfigsResponseData.DescribeConfigsResult result) {
        return result.configs().stream().collect(Collectors.toMap(
                DescribeConfigsResponseData.DescribeConfigsResourceResult::name, c -> c));
    }

    @Test
    void v1TopicFromAKafkaBuiltRequestListsEveryKeyWithSourcesAndNoSynonyms() {
        DescribeConfigsRequestData data = new DescribeConfigsRequestData().setResources(List.of(
                new DescribeConfigsRequestData.DescribeConfigsResource().setResourceType((byte) 2).setResourceName("t")
                        .setConfigurationKeys(null)));
        DescribeConfigsRequest request = KafkaWire.fromKafka(
                new org.apache.kafka.common.requests.DescribeConfigsRequest.Builder(data).build((short) 1), DescribeConfigsRequest::new);
        org.apache.kafka.common.requests.DescribeConfigsResponse parsed = KafkaWire.toKafka(handler.handle(request, (short) 1), (short) 1);
        DescribeConfigsResponseData.DescribeConfigsResult result = parsed.data().results().get(0);
        assertEquals(0, result.errorCode());
        Map<String, DescribeConfigsResponseData.DescribeConfigsResourceResult> configs = byName(result);
        assertEquals(fixture.configPolicy.defaults().size() + 1, configs.size()); // + the legacy override
        assertEquals("1000", configs.get("retention.bytes").value());
        assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG.id(), configs.get("retention.bytes").configSource());
        assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG.id(), configs.get("message.format.version").configSource());
        assertEquals("3600000", configs.get("retention.ms").value());
        assertEquals(ConfigSource.STATIC_BROKER_CONFIG.id(), configs.get("retention.ms").configSource());
        assertEquals("delete", configs.get("cleanup.policy").value());
        assertEquals(ConfigSource.DEFAULT_CONFIG.id(), configs.get("cleanup.policy").configSource());
        assertFalse(configs.get("cleanup.policy").readOnly());
        assertFalse(configs.get("cleanup.policy").isSensitive());
        assertTrue(configs.get("retention.bytes").synonyms().isEmpty());
    }

    @Test
    void v4WithSynonymsListsTheOverrideThenTheBrokerDefault() {
        var configs = byName(one(resource(2, "t", List.of("retention.bytes", "segment.ms")), true, (short) 4));
        assertEquals(2, configs.size());
        var synonyms = configs.get("retention.bytes").synonyms();
        assertEquals(List.of("retention.bytes", "log.retention.bytes"), synonyms.stream().map(s -> s.name()).toList());
        assertEquals(List.of("1000", "-1"), synonyms.stream().map(s -> s.value()).toList());
        assertEquals(List.of(ConfigSource.DYNAMIC_TOPIC_CONFIG.id(), ConfigSource.DEFAULT_CONFIG.id()),
                synonyms.stream().map(s -> s.source()).toList());
        assertEquals(List.of("log.roll.ms"), configs.get("segment.ms").synonyms().stream().map(s -> s.name()).toList());
        assertNull(configs.get("segment.ms").documentation());
        assertEquals(5, configs.get("segment.ms").configType()); // LONG
        assertEquals(0, byName(one(resource(2, "t", List.of("segment.ms")), false, (short) 2)).get("segment.ms").configType());
    }

    @Test
    void emptyKeyListMeansAllAndUnknownKeysAreSimplyAbsent() {
        assertEquals(fixture.configPolicy.defaults().size() + 1, one(resource(2, "t", List.of()), false, (short) 4).configs().size());
        assertTrue(one(resource(2, "t", List.of("no.such.key")), false, (short) 4).configs().isEmpty());
    }

    @Test
    void unknownAndIllegalTopics() {
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), one(resource(2, "missing", null), false, (short) 1).errorCode());
        assertEquals(ErrorCode.INVALID_TOPIC_EXCEPTION.code(), one(resource(2, "bad name", null), false, (short) 4).errorCode());
    }

    @Test
    void brokerResourceByNodeIdHidesSensitiveValuesAndIsReadOnly() {
        var result = one(resource(4, Integer.toString(AdminFixture.NODE_ID), null), true, (short) 4);
        assertEquals(0, result.errorCode());
        var configs = byName(result);
        assertEquals(3, configs.size());
        assertEquals("3", configs.get("num.partitions").value());
        assertTrue(configs.get("num.partitions").readOnly());
        assertEquals(ConfigSource.STATIC_BROKER_CONFIG.id(), configs.get("num.partitions").configSource());
        assertTrue(configs.get("sasl.jaas.config").isSensitive());
        assertNull(configs.get("sasl.jaas.config").value());
        assertNull(configs.get("sasl.jaas.config").synonyms().get(0).value());
        assertEquals(1, one(resource(4, "7", List.of("num.partitions")), false, (short) 1).configs().size());
    }

    @Test
    void brokerResourceEmptyNameIsTheEmptyClusterDefaultsAndOtherIdsAreInvalid() {
        DescribeConfigsResponseData.DescribeConfigsResult clusterDefaults = one(resource(4, "", null), false, (short) 4);
        assertEquals(0, clusterDefaults.errorCode());
        assertTrue(clusterDefaults.configs().isEmpty());
        assertEquals(ErrorCode.INVALID_REQUEST.code(), one(resource(4, "8", null), false, (short) 4).errorCode());
        assertEquals(ErrorCode.INVALID_REQUEST.code(), one(resource(4, "seven", null), false, (short) 1).errorCode());
    }

    @Test
    void unsupportedResourceTypesAreInvalidRequestAndOthersStillAnswered() {
        DescribeConfigsResponse response = handler.handle(new DescribeConfigsRequest().setResources(new ArrayList<>(List.of(
                resource(8, "7", null), resource(2, "t", List.of("retention.bytes"))))), (short) 4);
        DescribeConfigsResult logger = response.results().get(0);
        assertEquals(ErrorCode.INVALID_REQUEST.code(), logger.errorCode());
        assertEquals(8, logger.resourceType());
        assertEquals(1, response.results().get(1).configs().size());
    }
}
