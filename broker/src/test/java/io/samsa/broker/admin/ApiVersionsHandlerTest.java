package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.metadata.BrokerFeatures;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.ApiVersionsRequest;
import io.samsa.protocol.message.ApiVersionsResponse;
import io.samsa.protocol.types.MessageBytes;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.clients.NodeApiVersions;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ApiVersionsHandlerTest {
    private final ApiVersionsHandler handler = new ApiVersionsHandler(EnumSet.allOf(ApiKey.class));

    @Test
    void v0ListsTheAdvertisedTableAndKafkaParsesIt() {
        ApiVersionsRequest request = KafkaWire.fromKafka(new org.apache.kafka.common.requests.ApiVersionsRequest.Builder()
                .build((short) 0), ApiVersionsRequest::new);
        org.apache.kafka.common.requests.ApiVersionsResponse parsed = KafkaWire.toKafka(handler.handle(request, (short) 0), (short) 0);
        assertEquals(Errors.NONE.code(), parsed.data().errorCode());
        assertEquals(ApiKey.values().length, parsed.data().apiKeys().size());
        for (ApiKey api : ApiKey.values()) {
            var entry = parsed.apiVersion(api.id());
            assertNotNull(entry, api.displayName());
            assertEquals(api.advertisedMin(), entry.minVersion());
            assertEquals(api.advertisedMax(), entry.maxVersion());
        }
    }

    @Test
    void v3AndV4AcceptTheJavaClientsSoftwareNameAndReportTheFeatures() {
        for (short version = 3; version <= 4; version++) {
            // The Java client fills ClientSoftwareName "apache-kafka-java" and its version.
            ApiVersionsRequest request = KafkaWire.fromKafka(new org.apache.kafka.common.requests.ApiVersionsRequest.Builder()
                    .build(version), ApiVersionsRequest::new);
            assertEquals("apache-kafka-java", request.clientSoftwareName());
            ApiVersionsResponse response = handler.handle(request, version);
            org.apache.kafka.common.requests.ApiVersionsResponse parsed = KafkaWire.toKafka(response, version);
            assertEquals(Errors.NONE.code(), parsed.data().errorCode());
            // As Kafka: v3 leaves out the features whose minimum level is 0, v4 lists them all.
            List<String> supported = parsed.data().supportedFeatures().stream().map(feature -> feature.name()).sorted().toList();
            assertEquals(version == 3 ? List.of("metadata.version") : List.of("eligible.leader.replicas.version",
                    "group.version", "kraft.version", "metadata.version", "share.version", "streams.version",
                    "transaction.version"), supported);
            var metadataVersion = parsed.data().supportedFeatures().find("metadata.version");
            assertEquals(7, metadataVersion.minVersion());
            assertEquals(27, metadataVersion.maxVersion());
            // metadata.version and group.version (KIP-848) are finalized above 0; no client may switch on KIP-890.
            assertEquals(2, parsed.data().finalizedFeatures().size());
            var finalized = parsed.data().finalizedFeatures().find("metadata.version");
            assertEquals(27, finalized.maxVersionLevel());
            assertEquals(1, parsed.data().finalizedFeatures().find("group.version").maxVersionLevel());
            assertEquals(27, finalized.minVersionLevel());
            assertEquals(0L, parsed.data().finalizedFeaturesEpoch());
            assertFalse(parsed.data().zkMigrationReady());
        }
    }

    @Test
    void belowV3NoFeatureIsEncoded() {
        for (short version = 0; version < 3; version++) {
            ApiVersionsResponse response = handler.handle(new ApiVersionsRequest(), version);
            // error(2) + array length(4) + 6 bytes per entry (+ throttle(4) from v1): nothing else.
            assertEquals(2 + 4 + 6 * ApiKey.values().length + (version >= 1 ? 4 : 0),
                    MessageBytes.encode(response, version).remaining());
        }
    }

    @Test
    void featuresFinalizedAtZeroAreNotListedAsFinalized() {
        BrokerFeatures features = new BrokerFeatures(List.of(
                new BrokerFeatures.Feature("group.version", (short) 0, (short) 1, (short) 0),
                new BrokerFeatures.Feature("transaction.version", (short) 0, (short) 2, (short) 2)), 5);
        ApiVersionsResponse response = new ApiVersionsHandler(List.of(ApiKey.METADATA), features)
                .handle(new ApiVersionsRequest().setClientSoftwareName("a").setClientSoftwareVersion("1"), (short) 4);
        org.apache.kafka.common.requests.ApiVersionsResponse parsed = KafkaWire.toKafka(response, (short) 4);
        assertEquals(2, parsed.data().supportedFeatures().size());
        assertEquals(List.of("transaction.version"), parsed.data().finalizedFeatures().stream().map(f -> f.name()).toList());
        assertEquals(5L, parsed.data().finalizedFeaturesEpoch());
    }

    @Test
    void theJava41ClientCanUseEveryAdvertisedApi() {
        org.apache.kafka.common.requests.ApiVersionsResponse parsed =
                KafkaWire.toKafka(handler.handle(new ApiVersionsRequest()
                .setClientSoftwareName("apache-kafka-java").setClientSoftwareVersion("4.1.0"), (short) 4), (short) 4);
        NodeApiVersions versions = new NodeApiVersions(parsed.data().apiKeys(), List.of());
        for (ApiKey api : ApiKey.values()) {
            // Throws UnsupportedVersionException when our max is below the 4.1 client's floor (KIP-896).
            short usable = versions.latestUsableVersion(ApiKeys.forId(api.id()));
            assertTrue(usable <= api.advertisedMax(), api.displayName());
        }
    }

    @Test
    void badClientSoftwareNameOrVersionIsInvalidRequestFromV3() {
        String[][] bad = {{"", "1.0"}, {"my client", "1.0"}, {"-lead", "1.0"}, {"trail.", "1.0"}, {"ok", "1.0+build"}, {"ok", ""}};
        for (String[] pair : bad) {
            org.apache.kafka.common.requests.ApiVersionsRequest kafkaRequest = new org.apache.kafka.common.requests.ApiVersionsRequest.Builder(
                    new ApiVersionsRequestData().setClientSoftwareName(pair[0]).setClientSoftwareVersion(pair[1]),
                    (short) 3, (short) 3).build((short) 3);
            ApiVersionsRequest request = KafkaWire.fromKafka(kafkaRequest, ApiVersionsRequest::new);
            org.apache.kafka.common.requests.ApiVersionsResponse parsed = KafkaWire.toKafka(handler.handle(request, (short) 3), (short) 3);
            assertEquals(Errors.INVALID_REQUEST.code(), parsed.data().errorCode(), pair[0] + "/" + pair[1]);
            assertTrue(parsed.data().apiKeys().isEmpty());
        }
        ApiVersionsRequest good = new ApiVersionsRequest().setClientSoftwareName("librdkafka").setClientSoftwareVersion("2.0.2");
        assertEquals(0, handler.handle(good, (short) 3).errorCode());
        // Below v3 the fields do not exist, so their empty defaults are not checked.
        assertEquals(0, handler.handle(new ApiVersionsRequest(), (short) 2).errorCode());
    }

    @Test
    void aboveTheMaxTheFallbackIsAV0BodyWithOurRangeForKey18() {
        assertTrue(ApiVersionsHandler.isAboveMax((short) 5));
        assertFalse(ApiVersionsHandler.isAboveMax((short) 4));
        VersionedResponse fallback = handler.unsupportedVersion();
        assertEquals(0, fallback.bodyVersion());
        assertEquals(0, fallback.headerVersion());
        // v0 layout: error(2) + array length(4) + one entry (2+2+2); no throttle field.
        assertEquals(12, MessageBytes.encode(fallback.body(), fallback.bodyVersion()).remaining());
        // The Java client re-parses an unexpected ApiVersions response as v0 and retries with the 18 entry's max.
        org.apache.kafka.common.requests.ApiVersionsResponse parsed = KafkaWire.toKafka(fallback.body(), (short) 0);
        assertEquals(Errors.UNSUPPORTED_VERSION.code(), parsed.data().errorCode());
        assertEquals(1, parsed.data().apiKeys().size());
        assertEquals(0, parsed.apiVersion(ApiKeys.API_VERSIONS.id).minVersion());
        assertEquals(4, parsed.apiVersion(ApiKeys.API_VERSIONS.id).maxVersion());
    }

    @Test
    void listsOnlyTheServedApisPlusApiVersions() {
        ApiVersionsHandler partial = new ApiVersionsHandler(List.of(ApiKey.METADATA, ApiKey.PRODUCE));
        ApiVersionsResponse response = partial.handle(new ApiVersionsRequest(), (short) 0);
        assertEquals(List.of((short) 0, (short) 3, (short) 18),
                response.apiKeys().stream().map(ApiVersionsResponse.ApiVersion::apiKey).sorted().toList());
        // Responses do not share mutable entries.
        response.apiKeys().get(0).setMaxVersion((short) 99);
        assertEquals(11, partial.handle(new ApiVersionsRequest(), (short) 0).apiKeys().stream()
                .filter(v -> v.apiKey() == 0).findFirst().orElseThrow().maxVersion());
    }
}
