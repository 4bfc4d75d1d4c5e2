package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.DescribeLogDirsResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.tools.AclCommand;
import org.apache.kafka.tools.BrokerApiVersionsCommand;
import org.apache.kafka.tools.DeleteRecordsCommand;
import org.apache.kafka.tools.FeatureCommand;
import org.apache.kafka.tools.GetOffsetShell;
import org.apache.kafka.tools.LogDirsCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka 4.1's operations tools against our broker, each in a child JVM as its shell script runs it
 * (on the group interop harness: one shared broker per class): {@code kafka-log-dirs --describe},
 * {@code kafka-acls --list}, {@code kafka-features describe}, {@code kafka-broker-api-versions},
 * {@code kafka-get-offsets} and {@code kafka-delete-records}, with their output checked against what
 * the broker holds.
 */
class KafkaToolsOperationsTest extends SharedBrokerTestBase {
    private static final String TOPIC = "ops-tools";
    private static final int PARTITIONS = 2;
    private static final int PER_PARTITION = 25;

    @BeforeAll
    static void createTopic() throws Exception {
        broker.createTopic(TOPIC, PARTITIONS);
        TopicRecords.produce(broker.bootstrap(), TOPIC, PARTITIONS, 0, PER_PARTITION);
    }

    @Test
    void logDirsToolDescribesEveryPartitionWithItsSize() throws Exception {
        KafkaTool run = KafkaTool.run(LogDirsCommand.class, "--bootstrap-server", broker.bootstrap(), "--describe",
                "--topic-list", TOPIC);
        assertEquals(0, run.exitCode(), run.describe());
        String json = run.lines().stream().filter(line -> line.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON in " + run.describe()));
        JsonNode brokers = new ObjectMapper().readTree(json).get("brokers");
        assertEquals(1, brokers.size(), json);
        JsonNode logDirs = brokers.get(0).get("logDirs");
        assertEquals(1, logDirs.size(), json);
        JsonNode dir = logDirs.get(0);
        assertTrue(dir.get("error").isNull(), json);
        assertEquals(dataDir.toAbsolutePath().normalize().toString(), dir.get("logDir").asText());
        Map<String, Long> expectedSizes = partitionSizesOnDisk();
        Map<String, Long> sizes = new HashMap<>();
        for (JsonNode partition : dir.get("partitions")) {
            sizes.put(partition.get("partition").asText(), partition.get("size").asLong());
            assertEquals(0, partition.get("offsetLag").asLong(), json);
            assertFalse(partition.get("isFuture").asBoolean(), json);
        }
        assertEquals(expectedSizes, sizes, json);
        assertTrue(sizes.values().stream().allMatch(size -> size > 0), json);
    }

    @Test
    void aclsToolListReportsNoAuthorizerAsAgainstKafka() throws Exception {
        KafkaTool run = KafkaTool.run(AclCommand.class, "--bootstrap-server", broker.bootstrap(), "--list");
        // Kafka without an authorizer: the tool prints the error and exits 1.
        assertEquals(1, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("Error while executing ACL command: org.apache.kafka.common.errors."
                + "SecurityDisabledException: No Authorizer is configured on the broker"), run.describe());
    }

    @Test
    void featuresToolDescribesEachFeature() throws Exception {
        KafkaTool run = KafkaTool.run(FeatureCommand.class, "--bootstrap-server", broker.bootstrap(), "describe");
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals(List.of(
                "Feature: eligible.leader.replicas.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 0\tFinalizedVersionLevel: 0\tEpoch: 0",
                "Feature: group.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 1\tFinalizedVersionLevel: 1\tEpoch: 0",
                "Feature: kraft.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 0\tFinalizedVersionLevel: 0\tEpoch: 0",
                "Feature: metadata.version\tSupportedMinVersion: 3.3-IV3\tSupportedMaxVersion: 4.1-IV1\tFinalizedVersionLevel: 4.1-IV1\tEpoch: 0",
                "Feature: share.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 0\tFinalizedVersionLevel: 0\tEpoch: 0",
                "Feature: streams.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 0\tFinalizedVersionLevel: 0\tEpoch: 0",
                "Feature: transaction.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 0\tFinalizedVersionLevel: 0\tEpoch: 0"),
                run.lines().stream().filter(line -> line.startsWith("Feature: ")).toList(), run.describe());
    }

    @Test
    void brokerApiVersionsToolListsEveryServedApiWithItsRange() throws Exception {
        KafkaTool run = KafkaTool.run(BrokerApiVersionsCommand.class, "--bootstrap-server", broker.bootstrap());
        assertEquals(0, run.exitCode(), run.describe());
        Pattern entry = Pattern.compile("^\\s*([A-Za-z]+)\\((\\d+)\\): (.*?),?$");
        Map<Integer, String> listed = new HashMap<>();
        for (String line : run.lines()) {
            Matcher matcher = entry.matcher(line);
            if (matcher.matches()) {
                listed.put(Integer.parseInt(matcher.group(2)), matcher.group(3));
            }
        }
        for (io.samsa.protocol.ApiKey served : io.samsa.protocol.ApiKey.values()) {
            if (io.samsa.broker.admin.ClusterAdminHandlers.CLUSTER_ONLY.contains(served)) {
                assertTrue(listed.get((int) served.id()) == null || listed.get((int) served.id()).contains("UNSUPPORTED"),
                        served + " is served only in cluster mode:\n" + run.describe());
                continue;
            }
            String range = listed.get((int) served.id());
            // The tool prints a one-version range as that version alone.
            String expected = served.advertisedMin() == served.advertisedMax() ? served.advertisedMin() + " ["
                    : served.advertisedMin() + " to " + served.advertisedMax() + " [";
            assertTrue(range != null && range.startsWith(expected), served + " listed as " + range + ":\n" + run.describe());
        }
        long unsupported = listed.entrySet().stream().filter(api -> api.getValue().contains("UNSUPPORTED")
                && io.samsa.protocol.ApiKey.forId(api.getKey().shortValue()) != null
                && !io.samsa.broker.admin.ClusterAdminHandlers.CLUSTER_ONLY.contains(
                        io.samsa.protocol.ApiKey.forId(api.getKey().shortValue()))).count();
        assertEquals(0, unsupported, run.describe());
        assertTrue(listed.get((int) ApiKeys.DESCRIBE_LOG_DIRS.id).startsWith("1 to 4"), run.describe());
    }

    @Test
    void getOffsetsToolPrintsEachPartitionsLatestOffset() throws Exception {
        KafkaTool run = KafkaTool.run(GetOffsetShell.class, "--bootstrap-server", broker.bootstrap(), "--topic", TOPIC);
        assertEquals(0, run.exitCode(), run.describe());
        List<String> expected = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            expected.add(TOPIC + ":" + partition + ":" + PER_PARTITION);
        }
        assertEquals(expected, run.lines().stream().filter(line -> line.startsWith(TOPIC + ":")).sorted().toList(), run.describe());
    }

    @Test
    void deleteRecordsToolMovesTheLowWatermark() throws Exception {
        String topic = "ops-delete-records";
        broker.createTopic(topic, 1);
        TopicRecords.produce(broker.bootstrap(), topic, 1, 0, PER_PARTITION);
        Path offsets = dataDir.resolveSibling(dataDir.getFileName() + "-delete-records.json");
        Files.writeString(offsets, "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":10}],\"version\":1}");
        try {
            KafkaTool run = KafkaTool.run(DeleteRecordsCommand.class, "--bootstrap-server", broker.bootstrap(),
                    "--offset-json-file", offsets.toString());
            assertEquals(0, run.exitCode(), run.describe());
            assertTrue(run.lines().stream().anyMatch(line -> line.matches("partition: " + topic + "-0\\s+low_watermark: 10")),
                    run.describe());
            long earliest = broker.admin().listOffsets(Map.of(new TopicPartition(topic, 0),
                    org.apache.kafka.clients.admin.OffsetSpec.earliest())).all().get().get(new TopicPartition(topic, 0)).offset();
            assertEquals(10, earliest);
        } finally {
            Files.deleteIfExists(offsets);
        }
    }

    /** @return "topic-partition" -> size as the Admin API reports it, cross-checked with the segment files */
    private static Map<String, Long> partitionSizesOnDisk() throws Exception {
        DescribeLogDirsResult result = broker.admin().describeLogDirs(List.of(0));
        Map<String, Long> sizes = new HashMap<>();
        for (Map<String, LogDirDescription> dirs : result.allDescriptions().get().values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    if (replica.getKey().topic().equals(TOPIC)) {
                        sizes.put(replica.getKey().toString(), replica.getValue().size());
                    }
                }
            }
        }
        for (Map.Entry<String, Long> size : sizes.entrySet()) {
            assertEquals(segmentBytes(dataDir.resolve(size.getKey())), size.getValue(), size.getKey());
        }
        assertEquals(PARTITIONS, sizes.size(), sizes::toString);
        return sizes;
    }

    private static long segmentBytes(Path partitionDir) throws Exception {
        try (var files = Files.list(partitionDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log")).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
    }
}
