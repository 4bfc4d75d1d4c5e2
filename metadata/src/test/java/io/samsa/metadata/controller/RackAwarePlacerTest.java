package io.samsa.metadata.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rack-aware placement: every partition spans as many racks as its replication factor allows,
 * leadership is spread exactly evenly, replicas nearly so, and a single rack (or none) is left to
 * the rack-unaware placer.
 */
class RackAwarePlacerTest {

    private static Map<Integer, String> racks(String... rackPerBroker) {
        Map<Integer, String> racks = new LinkedHashMap<>();
        for (int i = 0; i < rackPerBroker.length; i++) {
            racks.put(i + 1, rackPerBroker[i]);
        }
        return racks;
    }

    private static void assertSpreadsOverRacks(Map<Integer, String> racks, int rf, int partitions, int maxReplicaSkew) {
        int rackCount = new HashSet<>(racks.values()).size();
        for (int start = 0; start < 4; start++) {
            List<List<Integer>> placement = RackAwarePlacer.place(racks, start, partitions, rf);
            Map<Integer, Integer> leaders = new HashMap<>();
            Map<Integer, Integer> replicas = new HashMap<>();
            for (List<Integer> partition : placement) {
                String where = racks + " rf " + rf + " start " + start + ": " + partition;
                assertEquals(rf, new HashSet<>(partition).size(), "distinct replicas " + where);
                Set<String> spanned = partition.stream().map(racks::get).collect(Collectors.toSet());
                assertEquals(Math.min(rf, rackCount), spanned.size(), "racks spanned " + where);
                leaders.merge(partition.get(0), 1, Integer::sum);
                partition.forEach(id -> replicas.merge(id, 1, Integer::sum));
            }
            assertEquals(racks.size(), leaders.size(), "every broker leads some partition");
            assertEquals(1, leaders.values().stream().distinct().count(), "leaders evenly spread: " + leaders);
            int max = replicas.values().stream().max(Integer::compare).orElseThrow();
            int min = replicas.values().stream().min(Integer::compare).orElseThrow();
            assertTrue(max - min <= maxReplicaSkew, "replicas spread " + replicas + " for " + racks + " rf " + rf);
        }
    }

    @Test
    void threeRacksOfTwoBrokersGiveEveryPartitionThreeRacks() {
        assertSpreadsOverRacks(racks("a", "a", "b", "b", "c", "c"), 3, 60, 6);
        assertSpreadsOverRacks(racks("a", "a", "b", "b", "c", "c"), 2, 60, 6);
    }

    @Test
    void twoRacksWithRfThreeUseBothAndUnevenRacksStillSpan() {
        assertSpreadsOverRacks(racks("east", "west", "east", "west"), 3, 40, 8);
        // racks b and c have one broker each: with rf 3 over three racks they hold a replica of every
        // partition, and rack a's three brokers share the third replicas
        Map<Integer, String> uneven = racks("a", "a", "a", "b", "c");
        assertSpreadsOverRacks(uneven, 3, 50, 50);
        List<List<Integer>> placement = RackAwarePlacer.place(uneven, 0, 50, 3);
        assertTrue(placement.stream().allMatch(partition -> partition.contains(4) && partition.contains(5)), placement.toString());
        Map<Integer, Long> rackA = placement.stream().flatMap(List::stream).filter(id -> id <= 3)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        assertEquals(50, rackA.values().stream().mapToLong(Long::longValue).sum());
        assertTrue(rackA.values().stream().allMatch(count -> count >= 10), "rack a's brokers share the rest: " + rackA);
    }

    @Test
    void brokersAreInterleavedRackByRack() {
        assertEquals(List.of(1, 3, 5, 2, 4, 6), RackAwarePlacer.interleaved(racks("a", "a", "b", "b", "c", "c")));
        assertEquals(List.of(1, 4, 2, 3), RackAwarePlacer.interleaved(racks("a", "a", "a", "b")));
    }

    @Test
    void oneRackOrNoneIsNotRackAware() {
        assertFalse(RackAwarePlacer.applies(racks("a", "a", "a")));
        assertFalse(RackAwarePlacer.applies(racks("", "", "")));
        assertTrue(RackAwarePlacer.applies(racks("a", "", "")), "a broker without a rack counts as a rack of its own");
    }

    @Test
    void moreReplicasThanBrokersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RackAwarePlacer.place(racks("a", "b"), 0, 1, 3));
    }
}
