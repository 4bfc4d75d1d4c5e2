package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 17 item 2: librdkafka consumers (confluent-kafka) of one group close, and the group is Empty
 * at once, so kafka-clients 4.1's deleteConsumerGroups right after deletes it, as on Kafka, instead
 * of GROUP_NOT_EMPTY. The broker keeps Kafka's default 3 s group.initial.rebalance.delay.ms: the
 * consumers closed while that delay still runs are the case that failed (the group stayed
 * PreparingRebalance with no members until the delay ran out); those closed after reading, once
 * the group was Stable, already left it Empty.
 */
class ClosedGroupDeleteInteropTest {
    private static final int PARTITIONS = 4;
    private static final int PER_PARTITION = 5;
    private static final Path SCRIPT = Path.of("src/test/resources/interop/groups/confluent_close_then_exit.py").toAbsolutePath();

    @TempDir
    static Path dataDir;
    private static GroupsBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        // Kafka's default initial delay, which the foreign clients' own suites run against.
        broker = GroupsBroker.start(dataDir, Map.of("group.initial.rebalance.delay.ms", "3000"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest(name = "{0} member(s), closed after polling {1} s (0: after reading)")
    @CsvSource({"1, 0", "1, 0.2", "2, 0.5", "3, 1"})
    void groupOfClosedLibrdkafkaConsumersIsDeletedRightAway(int members, String pollSeconds) throws Exception {
        String topic = "closing-" + members + "-" + pollSeconds;
        String group = "closing-group-" + members + "-" + pollSeconds;
        broker.createTopic(topic, PARTITIONS);
        TopicRecords.produce(broker.bootstrap(), topic, PARTITIONS, 0, PER_PARTITION);
        Path python = RunningProcess.systemPython("confluent_kafka", "python3-confluent-kafka");
        try (RunningProcess consumers = RunningProcess.start(List.of(python.toString(), "-u", SCRIPT.toString(),
                broker.bootstrap(), topic, group, Integer.toString(members), Integer.toString(PARTITIONS * PER_PARTITION), pollSeconds), Map.of())) {
            assertEquals(0, consumers.awaitExit(Duration.ofSeconds(90)), consumers::describe);
            assertTrue(consumers.lines().contains("closed"), consumers::describe);
        }
        ConsumerGroupDescription described = broker.admin().describeConsumerGroups(List.of(group)).all().get().get(group);
        assertEquals(GroupState.EMPTY, described.groupState(), described::toString);
        broker.admin().deleteConsumerGroups(List.of(group)).all().get();
        assertEquals(GroupState.DEAD, broker.admin().describeConsumerGroups(List.of(group)).all().get().get(group).groupState());
    }
}
