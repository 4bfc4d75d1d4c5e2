package io.samsa.broker.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.util.ManualTime;
import io.samsa.storage.LogConfig;
import io.samsa.storage.LogManager;
import io.samsa.storage.LogManagerConfig;
import io.samsa.storage.TopicPartition;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry wired to a real storage LogManager: logs follow topic creation, growth and deletion. */
class PartitionLogsListenerTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path logDir;

    @Test
    void logsFollowTheRegistry() {
        TopicRegistry registry = new TopicRegistry(new TopicStore(dataDir), 100);
        LogManager logs = listeningLogs(registry);
        try {

            registry.create("orders", 2, Map.of("segment.bytes", "1048576"));
            assertTrue(logs.getLog(new TopicPartition("orders", 0)).isPresent());
            assertTrue(logs.getLog(new TopicPartition("orders", 1)).isPresent());
            assertEquals(1048576, logs.getLog(new TopicPartition("orders", 1)).orElseThrow().config().segmentBytes());

            registry.addPartitions("orders", 3);
            assertTrue(logs.getLog(new TopicPartition("orders", 2)).isPresent());
            assertEquals(3, logs.allLogs().size());

            registry.delete("orders");
            assertTrue(logs.allLogs().isEmpty());
        } finally {
            logs.close();
        }
    }

    @Test
    void aListenerThatDoesNotOpenLogsOnlyDeletesThem() {
        TopicRegistry registry = new TopicRegistry(new TopicStore(dataDir), 100);
        LogManager logs = new LogManager(LogManagerConfig.fromMap(Map.of("log.dirs", logDir.toString())),
                new TopicLogConfigs(registry, LogConfig.DEFAULT), new ManualTime());
        logs.startup(false);
        try {
            PartitionLogsListener listener = new PartitionLogsListener(logs, partition -> false);
            registry.addListener(listener);
            registry.create("orders", 2, Map.of());
            assertTrue(logs.allLogs().isEmpty(), "cluster mode: the replica roles open the logs");
            logs.getOrCreateLog(new TopicPartition("orders", 1));
            assertEquals(0, listener.reconcile(registry), "a placed log of a known topic stays");
            registry.delete("orders");
            assertTrue(logs.allLogs().isEmpty());
        } finally {
            logs.close();
        }
    }

    @Test
    void alteredTopicConfigsReachTheOpenLogsAndSurviveARestart() {
        TopicRegistry registry = new TopicRegistry(new TopicStore(dataDir), 100);
        LogManager logs = listeningLogs(registry);
        try {
            registry.create("orders", 2, Map.of("segment.bytes", "1048576"));

            registry.alterConfigs("orders", Map.of("segment.bytes", "2097152", "retention.ms", "60000"));
            for (int partition = 0; partition < 2; partition++) {
                LogConfig config = logs.getLog(new TopicPartition("orders", partition)).orElseThrow().config();
                assertEquals(2097152, config.segmentBytes());
                assertEquals(60000L, config.retentionMs());
            }
            assertEquals(Map.of("segment.bytes", "2097152", "retention.ms", "60000"),
                    new TopicRegistry(new TopicStore(dataDir), 100).topic("orders").orElseThrow().configOverrides());
        } finally {
            logs.close();
        }
    }

    @Test
    void reconcileDeletesOrphanLogsAndOpensMissingOnes() {
        TopicRegistry registry = new TopicRegistry(new TopicStore(dataDir), 100);
        registry.create("kept", 2, Map.of());
        LogManager logs = new LogManager(LogManagerConfig.fromMap(Map.of("log.dirs", logDir.toString())),
                new TopicLogConfigs(registry, LogConfig.DEFAULT), new ManualTime());
        try {
            logs.startup(false);
            // As after a crash: a deleted topic's log survived, kept's second partition never opened.
            logs.getOrCreateLog(new TopicPartition("deleted", 0));
            logs.getOrCreateLog(new TopicPartition("kept", 0));
            PartitionLogsListener listener = new PartitionLogsListener(logs);
            assertEquals(2, listener.reconcile(registry));
            assertEquals(java.util.Set.of(new TopicPartition("kept", 0), new TopicPartition("kept", 1)),
                    logs.allLogs().stream().map(log -> log.topicPartition()).collect(java.util.stream.Collectors.toSet()));
            assertEquals(0, listener.reconcile(registry));
        } finally {
            logs.close();
        }
    }

    @Test
    void unknownTopicsGetTheBrokerDefaults() {
        TopicRegistry registry = new TopicRegistry(new TopicStore(dataDir), 100);
        LogConfig brokerDefaults = LogConfig.fromMap(Map.of("retention.ms", "5000"));
        TopicLogConfigs configs = new TopicLogConfigs(registry, brokerDefaults);
        assertEquals(5000, configs.apply("missing").retentionMs());
        registry.create("t", 1, Map.of("retention.bytes", "100"));
        assertEquals(5000, configs.apply("t").retentionMs());
        assertEquals(100, configs.apply("t").retentionBytes());
    }

    /** @return a started log manager over {@code logDir} that follows {@code registry}; the caller closes it */
    private LogManager listeningLogs(TopicRegistry registry) {
        LogManager logs = new LogManager(LogManagerConfig.fromMap(Map.of("log.dirs", logDir.toString())),
                new TopicLogConfigs(registry, LogConfig.DEFAULT), new ManualTime());
        logs.startup(false);
        registry.addListener(new PartitionLogsListener(logs));
        return logs;
    }
}
