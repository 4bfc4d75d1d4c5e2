package io.samsa.storage;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogConfigTest {

    @Test
    void defaultsAreKafkas() {
        LogConfig config = LogConfig.DEFAULT;
        assertEquals(1 << 30, config.segmentBytes());
        assertEquals(7L * 24 * 3600 * 1000, config.segmentMs());
        assertEquals(7L * 24 * 3600 * 1000, config.retentionMs());
        assertEquals(-1, config.retentionBytes());
        assertEquals(4096, config.indexIntervalBytes());
        assertEquals(10 * 1024 * 1024, config.segmentIndexBytes());
        assertEquals(24L * 3600 * 1000, config.deleteRetentionMs());
        assertEquals(Long.MAX_VALUE, config.flushMessages());
        assertEquals(Long.MAX_VALUE, config.flushMs());
        assertEquals(1048588, config.maxMessageBytes());
        assertEquals(TimestampType.CREATE_TIME, config.timestampType());
        assertTrue(config.delete());
        assertFalse(config.compact());
    }

    @Test
    void parsesPoliciesAndOverrides() {
        LogConfig config = LogConfig.fromMap(Map.of(LogConfig.CLEANUP_POLICY, "compact, delete",
                LogConfig.MESSAGE_TIMESTAMP_TYPE, "LogAppendTime", "compression.type", "zstd"));
        assertTrue(config.compact());
        assertTrue(config.delete());
        assertEquals(TimestampType.LOG_APPEND_TIME, config.timestampType());
        LogConfig changed = config.with(Map.of(LogConfig.SEGMENT_BYTES, "2048"));
        assertEquals(2048, changed.segmentBytes());
        assertTrue(changed.compact());
    }

    @Test
    void timestampBoundsHaveKafkasDefaultsAndMayNotBeNegative() {
        assertEquals(Long.MAX_VALUE, LogConfig.DEFAULT.timestampBeforeMaxMs());
        assertEquals(3_600_000L, LogConfig.DEFAULT.timestampAfterMaxMs());
        assertEquals(5L, LogConfig.fromMap(Map.of(LogConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS, "5")).timestampAfterMaxMs());
        assertEquals(LogConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS, assertThrows(ConfigException.class,
                () -> LogConfig.fromMap(Map.of(LogConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS, "-1"))).key());
        assertEquals(60_000L, BrokerLogDefaults.fromBrokerConfig(Map.of("log.message.timestamp.after.max.ms", "60000"))
                .timestampAfterMaxMs());
    }

    @Test
    void badValuesNameTheirKey() {
        assertEquals(LogConfig.SEGMENT_BYTES,
                assertThrows(ConfigException.class, () -> LogConfig.fromMap(Map.of(LogConfig.SEGMENT_BYTES, "big"))).key());
        assertEquals(LogConfig.RETENTION_MS,
                assertThrows(ConfigException.class, () -> LogConfig.fromMap(Map.of(LogConfig.RETENTION_MS, "-2"))).key());
        assertEquals(LogConfig.FLUSH_MESSAGES,
                assertThrows(ConfigException.class, () -> LogConfig.fromMap(Map.of(LogConfig.FLUSH_MESSAGES, "0"))).key());
        assertEquals(LogConfig.CLEANUP_POLICY,
                assertThrows(ConfigException.class, () -> LogConfig.fromMap(Map.of(LogConfig.CLEANUP_POLICY, "shred"))).key());
        assertEquals(LogConfig.MESSAGE_TIMESTAMP_TYPE,
                assertThrows(ConfigException.class, () -> LogConfig.fromMap(Map.of(LogConfig.MESSAGE_TIMESTAMP_TYPE, "Now"))).key());
        assertEquals(LogConfig.MIN_CLEANABLE_DIRTY_RATIO,
                assertThrows(ConfigException.class, () -> LogConfig.fromMap(Map.of(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "1.5"))).key());
        assertEquals(LogConfig.SEGMENT_BYTES,
                assertThrows(ConfigException.class, () -> LogConfig.fromMap(Map.of(LogConfig.SEGMENT_BYTES, "3000000000"))).key());
        ConfigException unknown = assertThrows(ConfigException.class, () -> LogConfig.fromMap(Map.of("segment.byte", "1")));
        assertEquals("segment.byte", unknown.key());
        assertTrue(unknown.getMessage().contains("segment.byte"));
    }

    @Test
    void managerConfigNeedsALogDir() {
        assertEquals(LogManagerConfig.LOG_DIRS,
                assertThrows(ConfigException.class, () -> LogManagerConfig.fromMap(Map.of())).key());
        LogManagerConfig config = LogManagerConfig.fromMap(Map.of(LogManagerConfig.LOG_DIRS, "/a, /b"));
        assertEquals(2, config.logDirs().size());
        assertEquals(300_000, config.retentionCheckIntervalMs());
        assertEquals(LogManagerConfig.CLEANER_ENABLE, assertThrows(ConfigException.class,
                () -> LogManagerConfig.fromMap(Map.of(LogManagerConfig.LOG_DIR, "/a", LogManagerConfig.CLEANER_ENABLE, "yes"))).key());
    }

    @Test
    void brokerLogSettingsBecomeTopicDefaults() {
        LogConfig config = BrokerLogDefaults.fromBrokerConfig(Map.of(
                "log.segment.bytes", "1048576", "log.retention.hours", "2", "log.roll.hours", "1",
                "log.flush.interval.messages", "1", "log.cleanup.policy", "compact", "broker.id", "3"));
        assertEquals(1048576, config.segmentBytes());
        assertEquals(2L * 3600 * 1000, config.retentionMs());
        assertEquals(3600 * 1000L, config.segmentMs());
        assertEquals(1, config.flushMessages());
        assertTrue(config.compact());
        assertEquals(5000, BrokerLogDefaults.fromBrokerConfig(Map.of("log.retention.hours", "2", "log.retention.ms", "5000")).retentionMs());
        assertEquals(-1, BrokerLogDefaults.fromBrokerConfig(Map.of("log.retention.hours", "-1")).retentionMs());
        assertEquals(LogConfig.SEGMENT_BYTES,
                assertThrows(ConfigException.class, () -> BrokerLogDefaults.fromBrokerConfig(Map.of("log.segment.bytes", "x"))).key());
    }
}
