package io.samsa.broker.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.metadata.ConfigDataType;
import io.samsa.broker.metadata.ConfigSource;
import io.samsa.broker.metadata.TopicConfigDefault;
import io.samsa.storage.LogConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogConfigTopicConfigPolicyTest {

    @Test
    void everyDescribedDefaultIsAcceptedByStorageAndMatchesItsDefaults() {
        LogConfigTopicConfigPolicy policy = new LogConfigTopicConfigPolicy(Map.of());
        Map<String, String> all = new HashMap<>();
        for (TopicConfigDefault fallback : policy.defaults()) {
            assertEquals(ConfigSource.DEFAULT_CONFIG, fallback.source());
            all.put(fallback.name(), fallback.value());
        }
        assertTrue(policy.invalidReason(all).isEmpty(), () -> policy.invalidReason(all).get());
        LogConfig described = LogConfig.fromMap(all);
        LogConfig storage = LogConfig.DEFAULT;
        assertEquals(storage.segmentBytes(), described.segmentBytes());
        assertEquals(storage.segmentMs(), described.segmentMs());
        assertEquals(storage.retentionMs(), described.retentionMs());
        assertEquals(storage.retentionBytes(), described.retentionBytes());
        assertEquals(storage.maxMessageBytes(), described.maxMessageBytes());
        assertEquals(storage.timestampType(), described.timestampType());
        assertEquals(storage.minCleanableDirtyRatio(), described.minCleanableDirtyRatio());
        assertEquals(storage.compact(), described.compact());
        assertEquals(storage.flushMs(), described.flushMs());
    }

    @Test
    void brokerValuesReplaceDefaultsAndFeedTheBrokerWideLogConfig() {
        LogConfigTopicConfigPolicy policy = new LogConfigTopicConfigPolicy(Map.of("log.retention.ms", "60000", "listeners", "x"));
        TopicConfigDefault retention = policy.defaults().stream().filter(d -> d.name().equals("retention.ms")).findFirst().orElseThrow();
        assertEquals(new TopicConfigDefault("retention.ms", "60000", ConfigSource.STATIC_BROKER_CONFIG, "log.retention.ms",
                ConfigDataType.LONG), retention);
        assertEquals(Map.of("retention.ms", "60000"), policy.staticBrokerTopicDefaults());
        assertEquals(60000, LogConfig.fromMap(policy.staticBrokerTopicDefaults()).retentionMs());
    }

    @Test
    void rejectsUnknownBadAndNullValuesNamingTheKey() {
        LogConfigTopicConfigPolicy policy = new LogConfigTopicConfigPolicy(Map.of());
        assertTrue(policy.invalidReason(Map.of("bogus", "1")).orElseThrow().contains("bogus"));
        assertTrue(policy.invalidReason(Map.of("segment.ms", "-5")).orElseThrow().contains("segment.ms"));
        Map<String, String> withNull = new HashMap<>();
        withNull.put("retention.ms", null);
        assertTrue(policy.invalidReason(withNull).orElseThrow().contains("retention.ms"));
        assertTrue(policy.invalidReason(Map.of("compression.type", "zstd", "min.insync.replicas", "1")).isEmpty());
    }
}
