package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 items 1 and 5 with the client that found them, librdkafka (confluent-kafka from Debian):
 * an OffsetCommit naming an unknown topic and a partition beyond the topic's count answers
 * UNKNOWN_TOPIC_OR_PARTITION for exactly those partitions and commits the rest; a record without a key
 * on a compacted topic fails with INVALID_RECORD while a keyed one is delivered.
 */
class ConfluentErrorParityInteropTest {
    private static final Path SCRIPT = Path.of("src/test/resources/interop/groups/confluent_error_parity.py").toAbsolutePath();

    @TempDir
    static Path dataDir;
    private static GroupsBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = GroupsBroker.start(dataDir);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * librdkafka 2.0.2 reports the commit's first partition error on every partition of its commit
     * callback (seen here: the existing partition too), so what the broker stored is the check that
     * the existing partition was committed and the others were not.
     */
    @Test
    void commitToUnknownPartitionsFailsThoseAndCommitsTheRest() throws Exception {
        broker.createTopic("parity-commits", 2);
        List<String> lines = run("commit", broker.bootstrap(), "parity-group", "parity-commits");
        assertTrue(lines.contains("commit-result UNKNOWN_TOPIC_OR_PART"), lines::toString);
        assertTrue(lines.contains("commit no-such-topic 0 UNKNOWN_TOPIC_OR_PART"), lines::toString);
        assertTrue(lines.contains("commit parity-commits 99 UNKNOWN_TOPIC_OR_PART"), lines::toString);
        Map<TopicPartition, OffsetAndMetadata> committed = broker.admin().listConsumerGroupOffsets("parity-group")
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        assertEquals(Map.of(new TopicPartition("parity-commits", 0), new OffsetAndMetadata(3L, "")), committed,
            "only the existing partition is stored");
    }

    @Test
    void recordWithoutKeyOnACompactedTopicFailsWithInvalidRecord() throws Exception {
        broker.admin().createTopics(List.of(new NewTopic("parity-compacted", 1, (short) 1)
            .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        List<String> lines = run("nullkey", broker.bootstrap(), "parity-compacted");
        String keyless = lines.stream().filter(line -> line.startsWith("delivery None ")).findFirst().orElseThrow(
            () -> new AssertionError("no delivery report for the keyless record: " + lines));
        assertTrue(keyless.startsWith("delivery None INVALID_RECORD "), keyless);
        assertTrue(lines.contains("delivery k NONE -"), lines::toString);
    }

    private static List<String> run(String... args) throws Exception {
        Path python = RunningProcess.systemPython("confluent_kafka", "python3-confluent-kafka");
        List<String> command = new java.util.ArrayList<>(List.of(python.toString(), "-u", SCRIPT.toString()));
        command.addAll(List.of(args));
        try (RunningProcess process = RunningProcess.start(command, Map.of())) {
            assertEquals(0, process.awaitExit(Duration.ofSeconds(60)), process::describe);
            return process.lines();
        }
    }
}
