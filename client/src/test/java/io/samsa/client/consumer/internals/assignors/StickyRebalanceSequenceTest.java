package io.samsa.client.consumer.internals.assignors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerPartitionAssignor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Sticky assignors over sequences of rebalances: each round's assignment becomes the next round's
 * owned partitions (eager sticky: in its user data; cooperative: in the subscription) while members
 * join, leave and change subscriptions. Every round must match kafka-clients exactly. Also the
 * cooperative two-step hand-over, spelled out.
 */
class StickyRebalanceSequenceTest {
    private static final int SEQUENCES = Integer.getInteger("samsa.assignor.sequences", 150);
    private static final int ROUNDS = 6;

    @Test
    void eagerStickySequencesMatchKafka() {
        run(StickyAssignor::new, org.apache.kafka.clients.consumer.StickyAssignor::new, true, 11);
    }

    @Test
    void cooperativeStickySequencesMatchKafka() {
        run(CooperativeStickyAssignor::new, org.apache.kafka.clients.consumer.CooperativeStickyAssignor::new, false, 12);
    }

    @Test
    void cooperativeMoveIsWithheldUntilTheOwnerRevoked() {
        List<TopicPartition> all = AbstractPartitionAssignor.partitions("t", 6);
        AssignorScenario first = new AssignorScenario().topic("t", 6)
            .member("a", List.of("t"), all, 1)
            .member("b", List.of("t"), List.of(), -1);
        Object ours = KafkaAssignorOracle.samsa(new CooperativeStickyAssignor(), first);
        assertEquals(Map.of("a", Set.of("t-0", "t-1", "t-2"), "b", Set.of()), ours,
            "b must not get a's partitions before a revoked them");
        assertEquals(KafkaAssignorOracle.kafka(new org.apache.kafka.clients.consumer.CooperativeStickyAssignor(), first), ours);

        AssignorScenario second = new AssignorScenario().topic("t", 6)
            .member("a", List.of("t"), all.subList(0, 3), 2)
            .member("b", List.of("t"), List.of(), 2);
        Object next = KafkaAssignorOracle.samsa(new CooperativeStickyAssignor(), second);
        assertEquals(Map.of("a", Set.of("t-0", "t-1", "t-2"), "b", Set.of("t-3", "t-4", "t-5")), next);
        assertEquals(KafkaAssignorOracle.kafka(new org.apache.kafka.clients.consumer.CooperativeStickyAssignor(), second), next);
    }

    @SuppressWarnings("unchecked")
    private static void run(Supplier<ConsumerPartitionAssignor> ours,
                            Supplier<org.apache.kafka.clients.consumer.ConsumerPartitionAssignor> theirs,
                            boolean userData, long seed) {
        Random random = new Random(seed);
        int moved = 0;
        int rounds = 0;
        int kafkaInvalid = 0;
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            AssignorScenario scenario = AssignorScenario.random(random, false, false);
            for (int round = 1; round <= ROUNDS; round++) {
                Object expected = KafkaAssignorOracle.kafka(theirs.get(), scenario);
                Object actual = KafkaAssignorOracle.samsa(ours.get(), scenario);
                rounds++;
                if (!AssignorEquivalenceTest.isValid(scenario, expected, userData)) {
                    kafkaInvalid++;
                    AssignorEquivalenceTest.assertValid(scenario, actual, userData);
                    break;
                }
                assertEquals(expected, actual, "sequence " + sequence + " round " + round + ": " + scenario);
                moved += countMoves(scenario, (Map<String, Set<String>>) actual);
                scenario = nextRound(random, scenario, (Map<String, Set<String>>) actual, round, userData);
            }
        }
        System.out.printf("%s: %d sequences, %d rounds, %d partition moves, %d rounds where Kafka's answer was invalid; "
            + "all others equal to Kafka's%n", ours.get().name(), SEQUENCES, rounds, moved, kafkaInvalid);
        assertTrue(moved > 0, "the sequences should move some partitions");
    }

    private static int countMoves(AssignorScenario scenario, Map<String, Set<String>> result) {
        int moves = 0;
        for (AssignorScenario.Member m : scenario.members) {
            for (TopicPartition tp : m.owned()) {
                if (!result.getOrDefault(m.memberId(), Set.of()).contains(tp.toString())) {
                    moves++;
                }
            }
        }
        return moves;
    }

    /** The next round: this round's result as ownership, plus one random membership change. */
    private static AssignorScenario nextRound(Random random, AssignorScenario previous, Map<String, Set<String>> result,
                                              int generation, boolean userData) {
        AssignorScenario next = new AssignorScenario();
        next.partitionsPerTopic.putAll(previous.partitionsPerTopic);
        List<String> topics = new ArrayList<>(previous.partitionsPerTopic.keySet());
        int change = random.nextInt(4);
        for (AssignorScenario.Member m : previous.members) {
            if (change == 0 && random.nextInt(3) == 0 && previous.members.size() > 1) {
                continue; // leaves
            }
            List<TopicPartition> owned = new ArrayList<>();
            for (String name : result.getOrDefault(m.memberId(), Set.of())) {
                int dash = name.lastIndexOf('-');
                owned.add(new TopicPartition(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1))));
            }
            List<String> subscribed = m.topics();
            if (change == 1 && random.nextInt(3) == 0) {
                subscribed = List.of(topics.get(random.nextInt(topics.size())));
            }
            ByteBuffer data = userData ? StickyUserDataCodec.encode(owned, generation) : null;
            next.members.add(new AssignorScenario.Member(m.memberId(), subscribed, m.groupInstanceId(), owned,
                userData ? -1 : generation, data));
        }
        if (change == 2 || next.members.isEmpty()) {
            next.members.add(new AssignorScenario.Member("joiner-" + generation + "-" + random.nextInt(100),
                new ArrayList<>(topics), Optional.empty(), List.of(), -1, null));
        }
        if (change == 3) {
            String topic = topics.get(random.nextInt(topics.size()));
            next.partitionsPerTopic.merge(topic, 1 + random.nextInt(3), Integer::sum);
        }
        return next;
    }
}
