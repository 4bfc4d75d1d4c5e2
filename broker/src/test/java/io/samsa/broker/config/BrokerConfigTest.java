package io.samsa.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    @Test
    void defaultsMatchKafkaAndTheBrief() {
        BrokerConfig config = BrokerConfig.defaults();
        assertEquals(List.of(new Endpoint("PLAINTEXT", "localhost", 9092)), config.listeners());
        assertEquals(List.of(Path.of("./samsa-data")), config.logDirs());
        assertEquals(1, config.get(BrokerConfigKeys.NUM_PARTITIONS));
        assertTrue(config.get(BrokerConfigKeys.AUTO_CREATE_TOPICS_ENABLE));
        assertEquals(0, config.nodeId());
        assertEquals(1_048_588, config.get(BrokerConfigKeys.MESSAGE_MAX_BYTES));
        assertEquals(104_857_600, config.get(BrokerConfigKeys.SOCKET_REQUEST_MAX_BYTES));
        assertEquals(50, config.get(BrokerConfigKeys.OFFSETS_TOPIC_NUM_PARTITIONS));
        assertEquals(10_080, config.get(BrokerConfigKeys.OFFSETS_RETENTION_MINUTES));
        assertEquals(4096, config.get(BrokerConfigKeys.OFFSET_METADATA_MAX_BYTES));
        assertEquals(6000, config.get(BrokerConfigKeys.GROUP_MIN_SESSION_TIMEOUT_MS));
        assertEquals(1_800_000, config.get(BrokerConfigKeys.GROUP_MAX_SESSION_TIMEOUT_MS));
        assertEquals(3000, config.get(BrokerConfigKeys.GROUP_INITIAL_REBALANCE_DELAY_MS));
        assertEquals(1000, config.get(BrokerConfigKeys.MAX_INCREMENTAL_FETCH_SESSION_CACHE_SLOTS));
        assertEquals(168L * 3_600_000, config.logRetentionMs());
        assertEquals(168L * 3_600_000, config.logRollMs());
        assertNull(config.get(BrokerConfigKeys.ADVERTISED_LISTENERS));
        assertTrue(config.unknownKeys().isEmpty());
    }

    @Test
    void fileOverridesDefaultsAndCommandLineOverridesFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, """
                # a Kafka-style file
                num.partitions=3
                log.dirs=/data/a, /data/b
                listeners=PLAINTEXT://:19092
                """);
        BrokerConfig config = BrokerConfigLoader.load(file, Map.of("num.partitions", "7"));

        assertEquals(7, config.get(BrokerConfigKeys.NUM_PARTITIONS));
        assertEquals(List.of(Path.of("/data/a"), Path.of("/data/b")), config.logDirs());
        assertEquals(new Endpoint("PLAINTEXT", "", 19092), config.listeners().get(0));
        assertTrue(config.isSet(BrokerConfigKeys.NUM_PARTITIONS));
        assertFalse(config.isSet(BrokerConfigKeys.NUM_IO_THREADS));
    }

    @Test
    void unknownKeysAreCollectedNotRejected() {
        BrokerConfig config = BrokerConfig.of(Map.of("samsa.no.such.key", "broker", "no.such.key", "1"));
        assertEquals(List.of("no.such.key", "samsa.no.such.key"), config.unknownKeys());
    }

    @Test
    void invalidValuesFailWithAMessageNamingTheKey() {
        assertInvalid("num.partitions", "abc", "num.partitions");
        assertInvalid("num.partitions", "0", "num.partitions");
        assertInvalid("auto.create.topics.enable", "yes", "auto.create.topics.enable");
        assertInvalid("log.cleanup.policy", "delete,shred", "log.cleanup.policy");
        assertInvalid("listeners", "SSL://localhost:9093", "listeners");
        assertInvalid("listeners", "PLAINTEXT://localhost:99999", "listeners");
        assertInvalid("listeners", "localhost:9092", "listeners");
        assertInvalid("log.segment.bytes", "1000", "log.segment.bytes");
        assertInvalid("advertised.listeners", "PLAINTEXT://host", "advertised.listeners");
        assertInvalid("socket.request.max.bytes", "9999999999", "socket.request.max.bytes");
    }

    @Test
    void invalidValueMessageIsOneClearLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of("num.io.threads", "many")));
        assertEquals("Invalid value 'many' for configuration key num.io.threads: not a valid int", e.getMessage());
        assertEquals("num.io.threads", e.key());
    }

    @Test
    void brokerIdIsAnAliasOfNodeId() {
        assertEquals(5, BrokerConfig.of(Map.of("broker.id", "5")).nodeId());
        assertEquals(6, BrokerConfig.of(Map.of("node.id", "6")).nodeId());
        assertEquals(7, BrokerConfig.of(Map.of("node.id", "7", "broker.id", "7")).nodeId());
        assertInvalidPair(Map.of("node.id", "1", "broker.id", "2"), "broker.id");
    }

    @Test
    void logDirFallsBackWhenLogDirsIsNotSet() {
        assertEquals(List.of(Path.of("/single")), BrokerConfig.of(Map.of("log.dir", "/single")).logDirs());
        assertEquals(List.of(Path.of("/many")), BrokerConfig.of(Map.of("log.dir", "/single", "log.dirs", "/many")).logDirs());
    }

    @Test
    void retentionTakesTheMostPreciseKeySet() {
        assertEquals(1234L, BrokerConfig.of(Map.of("log.retention.ms", "1234", "log.retention.minutes", "5")).logRetentionMs());
        assertEquals(5 * 60_000L, BrokerConfig.of(Map.of("log.retention.minutes", "5")).logRetentionMs());
        assertEquals(2 * 3_600_000L, BrokerConfig.of(Map.of("log.retention.hours", "2")).logRetentionMs());
        assertEquals(-1L, BrokerConfig.of(Map.of("log.retention.hours", "-1")).logRetentionMs());
        assertEquals(99L, BrokerConfig.of(Map.of("log.roll.ms", "99")).logRollMs());
    }

    @Test
    void waterMarksMustBeOrdered() {
        assertInvalidPair(Map.of("samsa.socket.write.buffer.low.water.mark.bytes", "100",
                "samsa.socket.write.buffer.high.water.mark.bytes", "10"), "samsa.socket.write.buffer.low.water.mark.bytes");
    }

    @Test
    void listenersAcceptEmptyHostPortZeroAndIpv6() {
        assertEquals(new Endpoint("PLAINTEXT", "", 0), Endpoint.parse("listeners", "PLAINTEXT://:0"));
        assertEquals(new Endpoint("PLAINTEXT", "::1", 9092), Endpoint.parse("listeners", "plaintext://[::1]:9092"));
        assertEquals("PLAINTEXT://[::1]:9092", new Endpoint("PLAINTEXT", "::1", 9092).toString());
    }

    @Test
    void unreadableFileIsAClearError(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfigLoader.load(dir.resolve("missing.properties"), Map.of()));
        assertTrue(e.getMessage().contains("missing.properties"), e.getMessage());
    }

    private static void assertInvalid(String key, String value, String expectedKeyInMessage) {
        assertInvalidPair(Map.of(key, value), expectedKeyInMessage);
    }

    private static void assertInvalidPair(Map<String, String> overrides, String expectedKey) {
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.of(overrides), overrides.toString());
        assertTrue(e.getMessage().contains("configuration key " + expectedKey + ":"), e.getMessage());
        assertEquals(expectedKey, e.key());
    }
}
