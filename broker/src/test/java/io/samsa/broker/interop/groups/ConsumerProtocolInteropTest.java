package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.SubscriptionPattern;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.Test;

/**
 * kafka-clients 4.1 consumers with {@code group.protocol=consumer} (KIP-848) against one
 * in-process Samsa broker: members join one by one and leave, and partitions move without ever
 * having two owners (checked through each consumer's rebalance listener after every poll) while
 * every record is consumed once with commitSync (member epochs); Admin describes the group as a
 * CONSUMER group; a member killed with SIGKILL (a child JVM) loses its partitions after the broker's
 * session timeout; a restarted static member gets its partitions back with no revocation at the
 * other member, and the client's {@code group.remote.assignor=range} is the group's assignor; a
 * broker-side regular expression picks up a topic created later; and
 * {@code kafka-consumer-groups} lists, describes and deletes the group.
 */
class ConsumerProtocolInteropTest extends ConsumerGroupsBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(45);
    @Test
    void threeMembersShareSixPartitionsAndALeaverPartitionsMoveWithoutTwoOwners() throws Exception {
        String topic = "kip848-six";
        String group = "kip848-three";
        broker.createTopic(topic, 6);
        TopicRecords.produce(broker.bootstrap(), topic, 6, 0, 20);
        Map<String, List<Consumed>> consumed = new LinkedHashMap<>();
        Map<String, Set<TopicPartition>> owned = new ConcurrentHashMap<>();
        List<KafkaConsumer<String, String>> members = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                String name = "member-" + i;
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config(group));
                owned.put(name, ConcurrentHashMap.newKeySet());
                consumed.put(name, new ArrayList<>());
                consumer.subscribe(List.of(topic), tracking(owned.get(name)));
                members.add(consumer);
                int joined = i + 1;
                Await.until(WAIT, joined + " members splitting 6 partitions", () -> {
                    pollAll(members, consumed, owned);
                    int min = owned.values().stream().mapToInt(Set::size).min().orElse(0);
                    int max = owned.values().stream().mapToInt(Set::size).max().orElse(0);
                    return owned.size() == joined && totalOwned(owned) == 6 && min >= 6 / joined && max - min <= 1;
                });
            }
            Await.until(WAIT, "every record read once", () -> {
                pollAll(members, consumed, owned);
                return consumed.values().stream().mapToInt(List::size).sum() >= 120;
            });
            Consumed.assertReadOnce(topic, 6, 20, consumed);
            owned.values().forEach(set -> assertEquals(2, set.size(), owned.toString()));

            Await.until(WAIT, "the group Stable on the broker", () -> {
                pollAll(members, consumed, owned);
                return describe(group).groupState() == GroupState.STABLE;
            });
            ConsumerGroupDescription description = describe(group);
            assertEquals(GroupType.CONSUMER, description.type());
            assertEquals(GroupState.STABLE, description.groupState());
            assertEquals(3, description.members().size());
            assertEquals("uniform", description.partitionAssignor());
            for (MemberDescription member : description.members()) {
                assertEquals(2, member.assignment().topicPartitions().size(), description.toString());
            }

            members.remove(2).close();
            owned.get("member-2").clear();
            owned.remove("member-2");
            Await.until(WAIT, "the leaver's partitions moved to the other two", () -> {
                pollAll(members, consumed, owned);
                return totalOwned(owned) == 6 && owned.values().stream().allMatch(set -> set.size() == 3);
            });
            var offsets = broker.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            assertEquals(6, offsets.size());
            offsets.values().forEach(offset -> assertEquals(20, offset.offset()));
        } finally {
            members.forEach(KafkaConsumer::close);
        }
    }

    @Test
    void aRestartedStaticMemberGetsItsPartitionsBackWithoutRevokingAnyoneAndRangeIsChosenByTheClient() throws Exception {
        String topic = "kip848-static";
        String group = "kip848-static-group";
        broker.createTopic(topic, 6);
        Map<String, Set<TopicPartition>> owned = new ConcurrentHashMap<>();
        owned.put("static", ConcurrentHashMap.newKeySet());
        owned.put("other", ConcurrentHashMap.newKeySet());
        AtomicInteger otherRevocations = new AtomicInteger();
        Properties staticConfig = config(group);
        staticConfig.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "instance-1");
        staticConfig.put("group.remote.assignor", "range");
        Properties otherConfig = config(group);
        otherConfig.put("group.remote.assignor", "range");
        KafkaConsumer<String, String> first = new KafkaConsumer<>(staticConfig);
        boolean firstClosed = false;
        try (KafkaConsumer<String, String> other = new KafkaConsumer<>(otherConfig)) {
            first.subscribe(List.of(topic), tracking(owned.get("static")));
            other.subscribe(List.of(topic), tracking(owned.get("other"), otherRevocations));
            Await.until(WAIT, "two members with three partitions each", () -> {
                first.poll(Duration.ofMillis(30));
                other.poll(Duration.ofMillis(30));
                return owned.get("static").size() == 3 && owned.get("other").size() == 3;
            });
            assertEquals("range", describe(group).partitionAssignor());
            Set<TopicPartition> staticPartitions = Set.copyOf(owned.get("static"));
            Set<TopicPartition> otherPartitions = Set.copyOf(owned.get("other"));
            int revocationsBefore = otherRevocations.get();

            first.close(); // a static member leaves with epoch -2: the group keeps its partitions for it
            firstClosed = true;
            owned.get("static").clear();
            try (KafkaConsumer<String, String> restarted = new KafkaConsumer<>(staticConfig)) {
                restarted.subscribe(List.of(topic), tracking(owned.get("static")));
                Await.until(WAIT, "the restarted static member owns its old partitions", () -> {
                    restarted.poll(Duration.ofMillis(30));
                    other.poll(Duration.ofMillis(30));
                    return owned.get("static").equals(staticPartitions);
                });
                for (int i = 0; i < 10; i++) {
                    restarted.poll(Duration.ofMillis(30));
                    other.poll(Duration.ofMillis(30));
                }
                assertEquals(otherPartitions, owned.get("other"));
                assertEquals(revocationsBefore, otherRevocations.get(), "the other member revoked nothing");
                assertEquals(2, describe(group).members().size());
            }
        } finally {
            if (!firstClosed) {
                first.close();
            }
        }
    }

    @Test
    void aKilledMembersPartitionsMoveAfterTheBrokersSessionTimeout() throws Exception {
        String topic = "kip848-killed";
        String group = "kip848-killed-group";
        broker.createTopic(topic, 4);
        Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
        try (RunningProcess child = RunningProcess.startJvm(ChildConsumerMain.class,
                List.of(broker.bootstrap(), group, topic, "consumer"));
             KafkaConsumer<String, String> survivor = new KafkaConsumer<>(config(group))) {
            Await.until(WAIT, "the child JVM consumer owning every partition", () -> {
                assertTrue(child.isAlive(), child::describe);
                return child.lines().contains("assigned 4");
            });
            survivor.subscribe(List.of(topic), tracking(owned));
            Await.until(WAIT, "the two members splitting the topic", () -> {
                survivor.poll(Duration.ofMillis(30));
                return owned.size() == 2 && child.lines().contains("assigned 2");
            });
            child.killForcibly();
            long killedNs = System.nanoTime();
            Await.until(WAIT, "the survivor owning every partition", () -> {
                survivor.poll(Duration.ofMillis(30));
                return owned.size() == 4;
            });
            long takeoverMs = Duration.ofNanos(System.nanoTime() - killedNs).toMillis();
            // Nothing told the broker the child was gone: only group.consumer.session.timeout.ms (6 s) can have removed it.
            assertTrue(takeoverMs >= 5000, "partitions moved after " + takeoverMs + " ms, before the session timeout");
        }
    }

    @Test
    void aBrokerSideRegexSubscriptionPicksUpATopicCreatedLater() throws Exception {
        broker.createTopic("regex-orders-1", 2);
        Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config("kip848-regex"))) {
            consumer.subscribe(new SubscriptionPattern("regex-orders-.*"), tracking(owned));
            Await.until(WAIT, "the matching topic assigned", () -> {
                consumer.poll(Duration.ofMillis(50));
                return owned.size() == 2;
            });
            broker.createTopic("regex-orders-2", 3);
            broker.createTopic("regex-other", 1);
            Await.until(WAIT, "the topic created later assigned too", () -> {
                consumer.poll(Duration.ofMillis(50));
                return owned.size() == 5;
            });
            assertTrue(owned.stream().noneMatch(tp -> tp.topic().equals("regex-other")), owned.toString());
        }
    }

    @Test
    void consumerGroupsToolListsDescribesAndDeletesAConsumerGroup() throws Exception {
        String topic = "kip848-tool";
        String group = "kip848-tool-group";
        broker.createTopic(topic, 2);
        TopicRecords.produce(broker.bootstrap(), topic, 2, 0, 5);
        Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config(group))) {
            consumer.subscribe(List.of(topic), tracking(owned));
            List<Consumed> read = new ArrayList<>();
            Await.until(WAIT, "all records read", () -> {
                GroupConsumers.pollAndCommit(consumer, read);
                return read.size() == 10;
            });
            KafkaTool listed = KafkaTool.run(ConsumerGroupCommand.class, "--bootstrap-server", broker.bootstrap(), "--list",
                    "--type", "consumer");
            assertEquals(0, listed.exitCode(), listed::describe);
            // with --type the tool prints a GROUP TYPE table: the group id leads its row
            assertTrue(listed.lines().stream().anyMatch(line -> line.trim().split("\\s+")[0].equals(group)), listed::describe);

            KafkaTool described = KafkaTool.run(ConsumerGroupCommand.class, "--bootstrap-server", broker.bootstrap(),
                    "--describe", "--group", group);
            assertEquals(0, described.exitCode(), described::describe);
            long rows = described.lines().stream().filter(line -> line.startsWith(group) && line.contains(topic)).count();
            assertEquals(2, rows, described::describe);
            assertTrue(described.lines().stream().anyMatch(line -> line.startsWith(group) && line.matches(".*\\s5\\s+5\\s+0\\s.*")),
                    described::describe);

            KafkaTool members = KafkaTool.run(ConsumerGroupCommand.class, "--bootstrap-server", broker.bootstrap(),
                    "--describe", "--group", group, "--members");
            assertEquals(0, members.exitCode(), members::describe);
            assertTrue(members.stdout().contains("consumer-" + group), members::describe);
        }
        KafkaTool deleted = KafkaTool.run(ConsumerGroupCommand.class, "--bootstrap-server", broker.bootstrap(),
                "--delete", "--group", group);
        assertEquals(0, deleted.exitCode(), deleted::describe);
        assertTrue(deleted.stdout().contains("successful"), deleted::describe);
        assertTrue(broker.admin().listGroups().all().get().stream().noneMatch(listing -> listing.groupId().equals(group)));
    }

    private static ConsumerGroupDescription describe(String group) {
        try {
            return broker.admin().describeConsumerGroups(List.of(group)).all().get().get(group);
        } catch (Exception e) {
            throw new AssertionError("describing " + group, e);
        }
    }

    private static Properties config(String group) {
        return ConsumerProtocolScenario.config(broker.bootstrap(), group);
    }

    /** A listener keeping {@code owned} equal to what the consumer was told it owns. */
    private static ConsumerRebalanceListener tracking(Set<TopicPartition> owned) {
        return tracking(owned, new AtomicInteger());
    }

    /** As {@link #tracking(Set)}, also counting the revocations that took partitions away. */
    private static ConsumerRebalanceListener tracking(Set<TopicPartition> owned, AtomicInteger revocations) {
        return OwnedPartitions.tracking(owned, null, revocations);
    }

    /** Polls each member once, commits what it read, and checks no partition is owned twice. */
    private static void pollAll(List<KafkaConsumer<String, String>> members, Map<String, List<Consumed>> consumed,
                                Map<String, Set<TopicPartition>> owned) {
        for (int i = 0; i < members.size(); i++) {
            OwnedPartitions.pollAndCommit(members.get(i), consumed.get("member-" + i));
            OwnedPartitions.assertNoneOwnedTwice(owned);
        }
    }

    private static int totalOwned(Map<String, Set<TopicPartition>> owned) {
        return owned.values().stream().mapToInt(Set::size).sum();
    }
}
