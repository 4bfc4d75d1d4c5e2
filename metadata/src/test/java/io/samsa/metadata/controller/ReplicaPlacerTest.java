package io.samsa.metadata.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplicaPlacerTest {

    @Test
    void everyPlacementHasDistinctReplicasAndBalancedLeadersAndReplicas() {
        for (int brokers = 1; brokers <= 7; brokers++) {
            List<Integer> ids = IntStream.rangeClosed(1, brokers).map(i -> i * 10).boxed().toList();
            for (int rf = 1; rf <= brokers; rf++) {
                for (int start = 0; start < 3; start++) {
                    int partitions = brokers * 4;
                    List<List<Integer>> placement = ReplicaPlacer.place(ids, start, partitions, rf);
                    Map<Integer, Integer> leaders = new HashMap<>();
                    Map<Integer, Integer> replicas = new HashMap<>();
                    for (List<Integer> partition : placement) {
                        assertEquals(rf, new HashSet<>(partition).size(), "distinct replicas " + partition);
                        assertTrue(ids.containsAll(partition));
                        leaders.merge(partition.get(0), 1, Integer::sum);
                        partition.forEach(id -> replicas.merge(id, 1, Integer::sum));
                    }
                    String where = brokers + " brokers, rf " + rf + ", start " + start;
                    assertEquals(List.of(4), leaders.values().stream().distinct().toList(), where);
                    assertEquals(List.of(4 * rf), replicas.values().stream().distinct().toList(), where);
                }
            }
        }
    }

    @Test
    void moreReplicasThanBrokersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReplicaPlacer.place(List.of(1, 2), 0, 1, 3));
    }
}
