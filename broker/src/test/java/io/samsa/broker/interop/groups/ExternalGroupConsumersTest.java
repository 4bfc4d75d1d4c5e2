package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.samsa.protocol.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Non-Java group consumers against our broker: kcat's balanced consumer ({@code -G}), confluent-kafka
 * and kafka-python (Debian packages under /usr/bin/python3). Each alone consumes a topic completely;
 * two of a kind in one group share its partitions with no overlap or gap. The kafka-python example
 * from the seed document runs unchanged but for its bootstrap address. A missing tool fails the
 * test with the package to install.
 */
class ExternalGroupConsumersTest extends SharedBrokerTestBase {
    private static final int PARTITIONS = 4;
    private static final int PER_PARTITION = 25;
    private static final Path RESOURCES = Path.of("src/test/resources/interop/groups").toAbsolutePath();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kcat", "confluent-kafka", "kafka-python"})
    void oneConsumerReadsTheWholeTopic(String tool) throws Exception {
        String topic = "alone-" + tool;
        broker.createTopic(topic, PARTITIONS);
        TopicRecords.produce(broker.bootstrap(), topic, PARTITIONS, 0, PER_PARTITION);
        try (RunningProcess consumer = startConsumer(tool, topic, "alone-group-" + tool)) {
            Await.until(GroupsBroker.WAIT, tool + " reading every record", () -> readCount(consumer) >= PARTITIONS * PER_PARTITION);
            Consumed.assertSplitExactly(topic, PARTITIONS, PER_PARTITION, Map.of(tool, records(consumer)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kcat", "confluent-kafka", "kafka-python"})
    void twoConsumersShareTheTopic(String tool) throws Exception {
        String topic = "shared-" + tool;
        String group = "shared-group-" + tool;
        broker.createTopic(topic, PARTITIONS);
        try (RunningProcess first = startConsumer(tool, topic, group)) {
            // The first member forms the group alone, then the second joins it.
            Await.until(GroupsBroker.WAIT, "one " + tool + " member owning " + topic, () -> membersSharing(group, 1, first));
            try (RunningProcess second = startConsumer(tool, topic, group)) {
                // Both own partitions before anything is produced, so each record has exactly one reader.
                Await.until(GroupsBroker.WAIT, "two " + tool + " members sharing " + topic, () -> membersSharing(group, 2, first, second));
                readSharedTopic(topic, first, second);
            }
        }
    }

    /** Produces the records, waits until the two consumers read them all, and checks they split them exactly. */
    private static void readSharedTopic(String topic, RunningProcess first, RunningProcess second) throws Exception {
        TopicRecords.produce(broker.bootstrap(), topic, PARTITIONS, 0, PER_PARTITION);
        Await.until(GroupsBroker.WAIT, "the two reading every record",
                () -> readCount(first) + readCount(second) >= PARTITIONS * PER_PARTITION);
        List<Consumed> byFirst = records(first);
        List<Consumed> bySecond = records(second);
        Consumed.assertSplitExactly(topic, PARTITIONS, PER_PARTITION, Map.of("first", byFirst, "second", bySecond));
        assertFalse(byFirst.isEmpty() || bySecond.isEmpty(), "both members read records");
    }

    @Test
    void seedKafkaPythonExampleConsumesTheTopic() throws Exception {
        Path python = RunningProcess.systemPython("kafka", "python3-kafka");
        String topic = "test"; // the example's own topic and group ("my-group") are kept
        broker.createTopic(topic, PARTITIONS);
        TopicRecords.produce(broker.bootstrap(), topic, PARTITIONS, 0, PER_PARTITION);
        try (RunningProcess example = RunningProcess.start(List.of(python.toString(), "-u",
                RESOURCES.resolve("kafka_python_seed_consumer.py").toString(), broker.bootstrap()), Map.of())) {
            assertEquals(0, example.awaitExit(Duration.ofSeconds(60)), example::describe);
            // The example prints five lines per message: topic, partition, offset, key, value (a dict).
            List<String> lines = example.lines();
            assertEquals(0, lines.size() % 5, example::describe);
            List<Consumed> read = new ArrayList<>();
            for (int i = 0; i < lines.size(); i += 5) {
                assertEquals(topic, lines.get(i));
                int partition = Integer.parseInt(lines.get(i + 1));
                long offset = Long.parseLong(lines.get(i + 2));
                assertEquals("b'k" + offset + "'", lines.get(i + 3));
                assertEquals("{'topic': 'test', 'partition': " + partition + ", 'index': " + offset + "}", lines.get(i + 4));
                read.add(new Consumed(partition, offset, TopicRecords.value(topic, partition, (int) offset)));
            }
            Consumed.assertSplitExactly(topic, PARTITIONS, PER_PARTITION, Map.of("seed example", read));
        }
    }

    private static RunningProcess startConsumer(String tool, String topic, String group) throws Exception {
        switch (tool) {
            case "kcat" -> {
                Path kcat = RunningProcess.onPath("kcat", "kcat");
                return RunningProcess.start(List.of(kcat.toString(), "-b", broker.bootstrap(), "-G", group, "-q", "-u",
                        "-f", "%p:%o:%s\\n", "-X", "auto.offset.reset=earliest", "-X", "session.timeout.ms=6000",
                        "-X", "heartbeat.interval.ms=300", topic), Map.of());
            }
            case "confluent-kafka" -> {
                Path python = RunningProcess.systemPython("confluent_kafka", "python3-confluent-kafka");
                return RunningProcess.start(List.of(python.toString(), "-u",
                        RESOURCES.resolve("confluent_group_consumer.py").toString(), broker.bootstrap(), topic, group), Map.of());
            }
            case "kafka-python" -> {
                Path python = RunningProcess.systemPython("kafka", "python3-kafka");
                return RunningProcess.start(List.of(python.toString(), "-u",
                        RESOURCES.resolve("kafka_python_group_consumer.py").toString(), broker.bootstrap(), topic, group), Map.of());
            }
            default -> throw new IllegalArgumentException(tool);
        }
    }

    private static boolean membersSharing(String group, int members, RunningProcess... consumers) {
        for (RunningProcess consumer : consumers) {
            if (!consumer.isAlive()) {
                throw new AssertionError("a consumer exited:\n" + consumer.describe());
            }
        }
        try {
            ConsumerGroupDescription described = broker.admin().describeConsumerGroups(List.of(group)).all().get().get(group);
            return described.groupState() == GroupState.STABLE && described.members().size() == members
                    && described.members().stream().allMatch(member -> member.assignment().topicPartitions().size() == PARTITIONS / members);
        } catch (Exception e) {
            return false; // not known to the coordinator yet
        }
    }

    private static int readCount(RunningProcess consumer) {
        return records(consumer).size();
    }

    private static List<Consumed> records(RunningProcess consumer) {
        return Consumed.parseAll(consumer.lines());
    }
}
