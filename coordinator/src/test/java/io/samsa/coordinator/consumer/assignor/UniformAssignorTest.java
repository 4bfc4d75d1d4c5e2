package io.samsa.coordinator.consumer.assignor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.types.Uuid;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UniformAssignorTest {
    private static final Uuid T = new Uuid(1, 1);
    private static final Uuid U = new Uuid(1, 2);
    private final UniformAssignor assignor = new UniformAssignor();

    @Test
    void identicalSubscriptionsAreBalancedWithinOne() {
        for (int members = 1; members <= 7; members++) {
            for (int partitions : List.of(1, 6, 7, 13, 100)) {
                Map<String, TopicPartitions> result = assignor.assign(spec(partitions, members, Map.of()));
                int min = result.values().stream().mapToInt(TopicPartitions::size).min().orElseThrow();
                int max = result.values().stream().mapToInt(TopicPartitions::size).max().orElseThrow();
                assertTrue(max - min <= 1, members + " members, " + partitions + " partitions: " + result);
                assertEveryPartitionOnce(result, Map.of(T, partitions));
            }
        }
    }

    @Test
    void aJoiningMemberTakesOnlyItsShareFromTheOthers() {
        Map<String, TopicPartitions> three = assignor.assign(spec(12, 3, Map.of()));
        Map<String, TopicPartitions> four = assignor.assign(spec(12, 4, current(three)));
        assertEquals(3, moved(three, four), "12 partitions over 4 members: only the newcomer's 3 move");
        four.values().forEach(assignment -> assertEquals(3, assignment.size()));
    }

    @Test
    void aLeavingMemberOnlyItsPartitionsMove() {
        Map<String, TopicPartitions> four = assignor.assign(spec(12, 4, Map.of()));
        Map<String, Map<Uuid, Set<Integer>>> survivors = current(four);
        survivors.remove("m3");
        Map<String, TopicPartitions> three = assignor.assign(spec(12, 3, survivors));
        for (String member : List.of("m0", "m1", "m2")) {
            for (int partition : four.get(member).partitions().get(T)) {
                assertTrue(three.get(member).contains(T, partition), member + " kept " + partition);
            }
            assertEquals(4, three.get(member).size());
        }
    }

    @Test
    void differentSubscriptionsOnlyGetTheirTopics() {
        Map<String, AssignmentSpec.MemberSpec> members = new TreeMap<>();
        members.put("a", new AssignmentSpec.MemberSpec(Set.of(T), Map.of()));
        members.put("b", new AssignmentSpec.MemberSpec(Set.of(T, U), Map.of()));
        members.put("c", new AssignmentSpec.MemberSpec(Set.of(U), Map.of()));
        Map<String, TopicPartitions> result = assignor.assign(new AssignmentSpec(new TreeMap<>(members), new TreeMap<>(Map.of(T, 4, U, 4))));
        assertEveryPartitionOnce(result, Map.of(T, 4, U, 4));
        assertTrue(result.get("a").partitions().keySet().stream().allMatch(T::equals));
        assertTrue(result.get("c").partitions().keySet().stream().allMatch(U::equals));
        result.values().forEach(assignment -> assertTrue(assignment.size() >= 2 && assignment.size() <= 3, result.toString()));
    }

    static AssignmentSpec spec(int partitions, int members, Map<String, Map<Uuid, Set<Integer>>> current) {
        Map<String, AssignmentSpec.MemberSpec> specs = new TreeMap<>();
        for (int i = 0; i < members; i++) {
            specs.put("m" + i, new AssignmentSpec.MemberSpec(Set.of(T), current.getOrDefault("m" + i, Map.of())));
        }
        return new AssignmentSpec(new TreeMap<>(specs), new TreeMap<>(Map.of(T, partitions)));
    }

    static Map<String, Map<Uuid, Set<Integer>>> current(Map<String, TopicPartitions> result) {
        Map<String, Map<Uuid, Set<Integer>>> current = new HashMap<>();
        result.forEach((member, partitions) -> current.put(member, partitions.partitions()));
        return current;
    }

    static int moved(Map<String, TopicPartitions> before, Map<String, TopicPartitions> after) {
        int moved = 0;
        for (Map.Entry<String, TopicPartitions> entry : after.entrySet()) {
            TopicPartitions previous = before.get(entry.getKey());
            for (Map.Entry<Uuid, Set<Integer>> topic : entry.getValue().partitions().entrySet()) {
                for (int partition : topic.getValue()) {
                    if (previous == null || !previous.contains(topic.getKey(), partition)) {
                        moved++;
                    }
                }
            }
        }
        return moved;
    }

    static void assertEveryPartitionOnce(Map<String, TopicPartitions> result, Map<Uuid, Integer> counts) {
        Set<String> seen = new HashSet<>();
        result.values().forEach(assignment -> assignment.partitions().forEach((topic, partitions) -> partitions.forEach(
                partition -> assertTrue(seen.add(topic + "-" + partition), "twice: " + topic + "-" + partition))));
        assertEquals(counts.values().stream().mapToInt(Integer::intValue).sum(), seen.size());
    }
}
