package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Apache Kafka 4.1's command-line tools (kafka-tools, test scope) against our broker, each in a
 * child JVM as its shell script would run it: {@code kafka-consumer-groups} lists groups and
 * describes one with the right current offset, log-end offset and lag per partition, and
 * {@code kafka-consumer-perf-test} (ConsumerPerformance) consumes a topic to completion in a group.
 */
class KafkaToolsGroupTest extends SharedBrokerTestBase {
    private static final String TOPIC = "tools-topic";
    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 40;

    @BeforeAll
    static void createTopic() throws Exception {
        broker.createTopic(TOPIC, PARTITIONS);
        TopicRecords.produce(broker.bootstrap(), TOPIC, PARTITIONS, 0, PER_PARTITION);
    }

    @Test
    void consumerGroupsToolListsAndDescribesOffsetsAndLag() throws Exception {
        String group = "tool-described";
        long[] committed = {7, PER_PARTITION, 0};
        try (KafkaConsumer<String, String> consumer = GroupConsumers.open(broker.bootstrap(), group, Map.of())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                offsets.put(new TopicPartition(TOPIC, partition), new OffsetAndMetadata(committed[partition]));
            }
            consumer.commitSync(offsets);
        }

        List<String> listed = runTool(ConsumerGroupCommand.class, "--bootstrap-server", broker.bootstrap(), "--list");
        assertTrue(listed.contains(group), "--list output: " + listed);

        List<String> described = runTool(ConsumerGroupCommand.class, "--bootstrap-server", broker.bootstrap(),
                "--describe", "--group", group);
        Map<Integer, Map<String, String>> rows = partitionRows(described);
        assertEquals(PARTITIONS, rows.size(), "--describe output: " + described);
        for (int partition = 0; partition < PARTITIONS; partition++) {
            Map<String, String> row = rows.get(partition);
            assertEquals(group, row.get("GROUP"));
            assertEquals(TOPIC, row.get("TOPIC"));
            assertEquals(String.valueOf(committed[partition]), row.get("CURRENT-OFFSET"), "partition " + partition);
            assertEquals(String.valueOf(PER_PARTITION), row.get("LOG-END-OFFSET"), "partition " + partition);
            assertEquals(String.valueOf(PER_PARTITION - committed[partition]), row.get("LAG"), "partition " + partition);
        }
    }

    @Test
    void consumerPerformanceRunsToCompletion() throws Exception {
        int total = PARTITIONS * PER_PARTITION;
        List<String> output = runTool(ConsumerPerformance.class, "--bootstrap-server", broker.bootstrap(), "--topic", TOPIC,
                "--messages", String.valueOf(total), "--group", "perf-group", "--timeout", "30000");
        // A header line of column names, then one comma-separated line of numbers.
        int header = indexOfLineStartingWith(output, "start.time");
        List<String> columns = Arrays.stream(output.get(header).split(",")).map(String::trim).toList();
        List<String> values = Arrays.stream(output.get(header + 1).split(",")).map(String::trim).toList();
        assertEquals(String.valueOf(total), values.get(columns.indexOf("data.consumed.in.nMsg")), "perf output: " + output);
        var offsets = broker.admin().listConsumerGroupOffsets("perf-group").partitionsToOffsetAndMetadata().get();
        assertTrue(offsets.isEmpty() || offsets.values().stream().allMatch(offset -> offset.offset() <= PER_PARTITION), offsets::toString);
    }

    /** Runs a Kafka tool's main in a child JVM; fails unless it exits 0. @return its stdout lines */
    private static List<String> runTool(Class<?> tool, String... args) throws Exception {
        KafkaTool run = KafkaTool.run(tool, args);
        assertEquals(0, run.exitCode(), run::describe);
        return run.lines();
    }

    /** Parses the table {@code --describe} prints: a header line of column names, then one row per partition. */
    private static Map<Integer, Map<String, String>> partitionRows(List<String> output) {
        int header = indexOfLineStartingWith(output, "GROUP");
        List<String> columns = List.of(output.get(header).trim().split("\\s+"));
        Map<Integer, Map<String, String>> rows = new HashMap<>();
        for (String line : output.subList(header + 1, output.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(line.trim().split("\\s+")));
            assertEquals(columns.size(), cells.size(), "row '" + line + "' against header " + columns);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), cells.get(i));
            }
            rows.put(Integer.parseInt(row.get("PARTITION")), row);
        }
        return rows;
    }

    private static int indexOfLineStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + prefix + " in " + lines);
    }
}
