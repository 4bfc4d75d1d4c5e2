package io.samsa.broker.interop.groups;

import java.util.HashSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Members that fail, against our broker with kafka-clients 4.1: one killed with SIGKILL (a child
 * JVM) is removed after its 6 s session timeout and its partitions go to the survivor; one that
 * stops polling past max.poll.interval.ms is removed and its next commit fails with
 * CommitFailedException; a closed static member (group.instance.id) keeps its partitions until its
 * session timeout.
 */
class MemberFailureInteropTest extends SharedBrokerTestBase {
    private static final int PARTITIONS = 4;
    private static final int PER_PARTITION = 10;
    private static final long SESSION_TIMEOUT_MS = 6000;

    @Test
    void killedMemberIsReplacedAfterItsSessionTimeout() throws Exception {
        String topic = "killed";
        String group = "killed-group";
        broker.createTopic(topic, PARTITIONS);
        TopicRecords.produce(broker.bootstrap(), topic, PARTITIONS, 0, PER_PARTITION);
        List<Consumed> survivorRead = new ArrayList<>();
        try (RunningProcess child = RunningProcess.startJvm(ChildConsumerMain.class, List.of(broker.bootstrap(), group, topic));
             KafkaConsumer<String, String> survivor = GroupConsumers.open(broker.bootstrap(), group,
                     Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(SESSION_TIMEOUT_MS)))) {
            Await.until(GroupsBroker.WAIT, "the child JVM consumer owning every partition", () -> {
                assertTrue(child.isAlive(), child::describe);
                return child.lines().contains("assigned " + PARTITIONS);
            });
            survivor.subscribe(List.of(topic));
            Await.until(GroupsBroker.WAIT, "the two members splitting the topic", () -> {
                GroupConsumers.pollAndCommit(survivor, survivorRead);
                return survivor.assignment().size() == PARTITIONS / 2 && child.lines().contains("assigned " + PARTITIONS / 2);
            });

            child.killForcibly();
            long killedNs = System.nanoTime();
            Await.until(GroupsBroker.WAIT, "the survivor owning every partition", () -> {
                GroupConsumers.pollAndCommit(survivor, survivorRead);
                return survivor.assignment().size() == PARTITIONS;
            });
            long takeoverMs = Duration.ofNanos(System.nanoTime() - killedNs).toMillis();
            // Nothing told the broker the child was gone: only its session timeout can have removed it.
            assertTrue(takeoverMs >= SESSION_TIMEOUT_MS - 1000, "partitions moved after " + takeoverMs + " ms, before the session timeout");
            Await.until(GroupsBroker.WAIT, "the survivor reading every record", () -> {
                GroupConsumers.pollAndCommit(survivor, survivorRead);
                return Consumed.distinct(survivorRead) == PARTITIONS * PER_PARTITION;
            });
        }
        // The child committed nothing, so the survivor read its partitions from the start.
        Consumed.assertSplitExactly(topic, PARTITIONS, PER_PARTITION, Map.of("survivor", survivorRead));
    }

    @Test
    void memberPastMaxPollIntervalIsRemovedAndItsCommitFails() throws Exception {
        String topic = "slow";
        String group = "slow-group";
        broker.createTopic(topic, PARTITIONS);
        TopicRecords.produce(broker.bootstrap(), topic, PARTITIONS, 0, PER_PARTITION);
        Map<String, String> settings = Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "2000");
        try (KafkaConsumer<String, String> slow = GroupConsumers.open(broker.bootstrap(), group, settings);
             KafkaConsumer<String, String> healthy = GroupConsumers.open(broker.bootstrap(), group, settings)) {
            List<Consumed> slowRead = new ArrayList<>();
            slow.subscribe(List.of(topic));
            Await.until(GroupsBroker.WAIT, "the slow member reading its records", () -> {
                GroupConsumers.pollInto(slow, slowRead);
                return slow.assignment().size() == PARTITIONS && !slowRead.isEmpty();
            });
            Map<TopicPartition, OffsetAndMetadata> progress = Map.of(
                    new TopicPartition(topic, slowRead.get(0).partition()), new OffsetAndMetadata(slowRead.get(0).offset() + 1));

            // The slow member stops polling; the healthy one keeps polling until the broker gives it everything.
            healthy.subscribe(List.of(topic));
            Await.until(GroupsBroker.WAIT, "the healthy member owning every partition", () -> {
                healthy.poll(Duration.ofMillis(50));
                return healthy.assignment().size() == PARTITIONS;
            });
            assertEquals(1, broker.admin().describeConsumerGroups(List.of(group)).all().get().get(group).members().size(),
                    "the slow member was removed from the group");
            assertThrows(CommitFailedException.class, () -> slow.commitSync(progress));
        }
    }

    @Test
    void closedStaticMemberKeepsItsPartitionsUntilItsSessionTimeout() throws Exception {
        String topic = "static";
        String group = "static-group";
        broker.createTopic(topic, PARTITIONS);
        AtomicInteger stayingRebalances = new AtomicInteger();
        try (KafkaConsumer<String, String> staying = GroupConsumers.open(broker.bootstrap(), group,
                Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "staying"))) {
            try (KafkaConsumer<String, String> leaving = GroupConsumers.open(broker.bootstrap(), group,
                    Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "leaving"))) {
                leaving.subscribe(List.of(topic));
                Await.until(GroupsBroker.WAIT, "the first static member owning every partition", () -> {
                    leaving.poll(Duration.ofMillis(50));
                    return leaving.assignment().size() == PARTITIONS;
                });
                staying.subscribe(List.of(topic), countingListener(stayingRebalances));
                Await.until(GroupsBroker.WAIT, "two static members splitting the topic", () -> {
                    leaving.poll(Duration.ofMillis(50));
                    staying.poll(Duration.ofMillis(50));
                    return leaving.assignment().size() == PARTITIONS / 2 && staying.assignment().size() == PARTITIONS / 2;
                });
                // A static member's close sends no LeaveGroup: the broker keeps its place for the session timeout.
            }
            long closedNs = System.nanoTime();
            int rebalancesAtClose = stayingRebalances.get();
            Set<TopicPartition> stayingAtClose = Set.copyOf(staying.assignment());
            Await.until(GroupsBroker.WAIT, "the staying member owning every partition", () -> {
                staying.poll(Duration.ofMillis(50));
                return staying.assignment().size() == PARTITIONS;
            });
            long takeoverMs = Duration.ofNanos(System.nanoTime() - closedNs).toMillis();
            assertTrue(takeoverMs >= SESSION_TIMEOUT_MS - 1000,
                    "the closed static member's partitions moved after " + takeoverMs + " ms, before its session timeout");
            assertTrue(stayingRebalances.get() > rebalancesAtClose, "the takeover was a rebalance");
            assertTrue(staying.assignment().containsAll(stayingAtClose));
            assertEquals(1, broker.admin().describeConsumerGroups(List.of(group)).all().get().get(group).members().size());
        }
    }

    private static ConsumerRebalanceListener countingListener(AtomicInteger rebalances) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                rebalances.incrementAndGet();
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                rebalances.incrementAndGet();
            }
        };
    }

    @Test
    void restartedStaticMemberCausesNoRebalance() throws Exception {
        String topic = "static-restart";
        String group = "static-restart-group";
        broker.createTopic(topic, PARTITIONS);
        AtomicInteger stayingRebalances = new AtomicInteger();
        try (KafkaConsumer<String, String> staying = GroupConsumers.open(broker.bootstrap(), group,
                Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "staying"))) {
            Set<TopicPartition> restartedBefore;
            int generationBefore;
            try (KafkaConsumer<String, String> restarting = GroupConsumers.open(broker.bootstrap(), group,
                    Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "restarting"))) {
                restarting.subscribe(List.of(topic));
                Await.until(GroupsBroker.WAIT, "the first static member owning every partition", () -> {
                    restarting.poll(Duration.ofMillis(50));
                    return restarting.assignment().size() == PARTITIONS;
                });
                staying.subscribe(List.of(topic), countingListener(stayingRebalances));
                Await.until(GroupsBroker.WAIT, "two static members splitting the topic", () -> {
                    restarting.poll(Duration.ofMillis(50));
                    staying.poll(Duration.ofMillis(50));
                    return restarting.assignment().size() == PARTITIONS / 2 && staying.assignment().size() == PARTITIONS / 2;
                });
                restartedBefore = Set.copyOf(restarting.assignment());
                generationBefore = staying.groupMetadata().generationId();
                // A static member's close sends no LeaveGroup: the broker keeps its place for the session timeout.
            }
            int rebalancesBefore = stayingRebalances.get();
            Set<TopicPartition> stayingBefore = Set.copyOf(staying.assignment());
            try (KafkaConsumer<String, String> restarted = GroupConsumers.open(broker.bootstrap(), group,
                    Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "restarting"))) {
                restarted.subscribe(List.of(topic));
                Await.until(GroupsBroker.WAIT, "the restarted static member getting its partitions back", () -> {
                    restarted.poll(Duration.ofMillis(50));
                    staying.poll(Duration.ofMillis(50));
                    return !restarted.assignment().isEmpty();
                });
                assertEquals(restartedBefore, restarted.assignment(), "the restarted member got its old partitions");
                // Heartbeats for a few session-timeout fractions: a rebalance would have shown by now.
                long untilNs = System.nanoTime() + Duration.ofMillis(1500).toNanos();
                Await.until(GroupsBroker.WAIT, "a quiet period", () -> {
                    restarted.poll(Duration.ofMillis(50));
                    staying.poll(Duration.ofMillis(50));
                    return System.nanoTime() - untilNs > 0;
                });
                assertEquals(rebalancesBefore, stayingRebalances.get(), "the staying member saw no rebalance");
                assertEquals(generationBefore, staying.groupMetadata().generationId(), "the generation did not move");
                assertEquals(stayingBefore, staying.assignment());
                Set<TopicPartition> union = new HashSet<>(staying.assignment());
                union.addAll(restarted.assignment());
                assertEquals(PARTITIONS, union.size());
            }
        }
    }
}
