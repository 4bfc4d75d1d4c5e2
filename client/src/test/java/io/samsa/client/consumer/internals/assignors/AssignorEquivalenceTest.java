package io.samsa.client.consumer.internals.assignors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.consumer.ConsumerPartitionAssignor;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each built-in assignor must give exactly the assignment kafka-clients' assignor of the same name
 * gives, for the same seeded random inputs (members, topics, subscriptions, static ids, owned
 * partitions, double claims and generations; no racks).
 */
class AssignorEquivalenceTest {
    static final int CASES = 600;

    @Test
    void rangeMatchesKafka() {
        compare(RangeAssignor::new, org.apache.kafka.clients.consumer.RangeAssignor::new, false, false, 1);
    }

    @Test
    void roundRobinMatchesKafka() {
        compare(RoundRobinAssignor::new, org.apache.kafka.clients.consumer.RoundRobinAssignor::new, false, false, 2);
    }

    @Test
    void stickyMatchesKafka() {
        compare(StickyAssignor::new, org.apache.kafka.clients.consumer.StickyAssignor::new, true, true, 3);
    }

    @Test
    void cooperativeStickyMatchesKafka() {
        compare(CooperativeStickyAssignor::new, org.apache.kafka.clients.consumer.CooperativeStickyAssignor::new, true, false, 4);
    }

    @Test
    void namesMatchKafka() {
        assertEquals(new org.apache.kafka.clients.consumer.RangeAssignor().name(), new RangeAssignor().name());
        assertEquals(new org.apache.kafka.clients.consumer.RoundRobinAssignor().name(), new RoundRobinAssignor().name());
        assertEquals(new org.apache.kafka.clients.consumer.StickyAssignor().name(), new StickyAssignor().name());
        assertEquals(new org.apache.kafka.clients.consumer.CooperativeStickyAssignor().name(), new CooperativeStickyAssignor().name());
        assertEquals(new org.apache.kafka.clients.consumer.CooperativeStickyAssignor().supportedProtocols().toString(),
            new CooperativeStickyAssignor().supportedProtocols().toString());
    }

    private static void compare(Supplier<ConsumerPartitionAssignor> ours,
                                Supplier<org.apache.kafka.clients.consumer.ConsumerPartitionAssignor> theirs,
                                boolean withOwnership, boolean stickyUserData, long seed) {
        Random random = new Random(seed);
        int nonTrivial = 0;
        int threw = 0;
        int generalPath = 0;
        for (int i = 0; i < CASES; i++) {
            AssignorScenario scenario = AssignorScenario.random(random, withOwnership, stickyUserData);
            Object expected = KafkaAssignorOracle.kafka(theirs.get(), scenario);
            Object actual = KafkaAssignorOracle.samsa(ours.get(), scenario);
            assertEquals(expected, actual, "case " + i + " (seed " + seed + "): " + scenario);
            if (scenario.members.size() > 1) {
                nonTrivial++;
            }
            if (expected instanceof String) {
                threw++;
            }
            ConsumerPartitionAssignor probe = ours.get();
            KafkaAssignorOracle.samsa(probe, scenario);
            if (probe instanceof AbstractStickyAssignor && ((AbstractStickyAssignor) probe).partitionsTransferringOwnership == null) {
                generalPath++;
            }
        }
        System.out.printf("%s: %d cases, %d with several members, %d threw, %d general sticky path%n",
            ours.get().name(), CASES, nonTrivial, threw, generalPath);
        assertTrue(nonTrivial > CASES / 2, "most cases should have several members");
        assertTrue(threw < CASES / 20, "exceptions should be rare: " + threw);
    }
}
