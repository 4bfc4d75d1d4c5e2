package io.samsa.metadata.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.ConfigChange;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.proto.ConfigResourceType;
import io.samsa.metadata.rpc.ControllerRpc;
import io.samsa.metadata.rpc.ControllerRpcHandler;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.metadata.rpc.proto.ControllerResponse;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {

    @Test
    void topicChangesBecomeConfigRecordsThatSetAndDeleteKeysInTheImage() {
        ControllerTestContext ctx = new ControllerTestContext();
        ctx.startBroker(1);
        ctx.createTopic("orders", 1, 1);
        ConfigResource orders = ConfigResource.topic("orders");

        Map<ConfigResource, ApiError> first = ctx.commit(ctx.controller.alterConfigs(ctx.image, List.of(
                ConfigChange.between(orders, Map.of(), Map.of("retention.ms", "1000", "cleanup.policy", "compact")))));
        assertEquals(Map.of(orders, ApiError.NONE), first);
        assertEquals(Map.of("retention.ms", "1000", "cleanup.policy", "compact"), ctx.image.configs(orders));

        ctx.commit(ctx.controller.alterConfigs(ctx.image, List.of(ConfigChange.between(orders,
                ctx.image.configs(orders), Map.of("retention.ms", "2000")))));
        assertEquals(Map.of("retention.ms", "2000"), ctx.image.configs(orders));
    }

    @Test
    void anUnknownTopicOrBrokerIsRefusedAndWritesNothingForIt() {
        ControllerTestContext ctx = new ControllerTestContext();
        ctx.startBroker(1);
        ctx.createTopic("known", 1, 1);
        ConfigResource missing = ConfigResource.topic("missing");
        ConfigResource known = ConfigResource.topic("known");
        ConfigResource otherBroker = new ConfigResource(ConfigResourceType.CONFIG_RESOURCE_BROKER, "7");
        ConfigResource clusterDefault = new ConfigResource(ConfigResourceType.CONFIG_RESOURCE_BROKER, "");
        ControllerResult<Map<ConfigResource, ApiError>> result = ctx.controller.alterConfigs(ctx.image, List.of(
                new ConfigChange(missing, Map.of("retention.ms", Optional.of("1"))),
                new ConfigChange(otherBroker, Map.of("log.retention.ms", Optional.of("1"))),
                new ConfigChange(known, Map.of("retention.ms", Optional.of("5"))),
                new ConfigChange(clusterDefault, Map.of("log.retention.ms", Optional.of("9")))));
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, result.response().get(missing).error());
        assertEquals(ErrorCode.INVALID_REQUEST, result.response().get(otherBroker).error());
        assertEquals(ApiError.NONE, result.response().get(known));
        assertEquals(ApiError.NONE, result.response().get(clusterDefault));
        assertEquals(2, result.records().size(), "one record per key of the accepted resources");
        ctx.commit(result);
        assertTrue(ctx.image.configs(missing).isEmpty());
        assertEquals(Map.of("retention.ms", "5"), ctx.image.configs(known));
    }

    @Test
    void theRpcCarriesSetsAndDeletesToTheControllerAndTheAnswersBack() {
        ControllerTestContext ctx = new ControllerTestContext();
        ctx.startBroker(1);
        ctx.createTopic("t", 1, 1);
        ConfigResource t = ConfigResource.topic("t");
        ctx.commit(ctx.controller.alterConfigs(ctx.image, List.of(ConfigChange.between(t, Map.of(),
                Map.of("segment.ms", "100", "retention.ms", "7")))));

        ControllerRpc<Map<ConfigResource, ApiError>> rpc = ControllerRpcs.alterConfigs(List.of(
                ConfigChange.between(t, ctx.image.configs(t), Map.of("retention.ms", "8")),
                new ConfigChange(ConfigResource.topic("gone"), Map.of("retention.ms", Optional.empty()))));
        ControllerResult<ControllerResponse> answer = ControllerRpcHandler.operation(rpc.request())
                .run(ctx.controller, ctx.image, ctx.nowMs());
        MetadataImage before = ctx.image;
        ctx.commit(answer);
        Map<ConfigResource, ApiError> results = rpc.decode(answer.response());
        assertEquals(ApiError.NONE, results.get(t));
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, results.get(ConfigResource.topic("gone")).error());
        assertEquals(Map.of("retention.ms", "8"), ctx.image.configs(t));
        assertEquals(Map.of("segment.ms", "100", "retention.ms", "7"), before.configs(t));
    }
}
