package io.samsa.client.producer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.Cluster;
import io.samsa.client.common.Node;
import io.samsa.client.common.PartitionInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Key hashing, explicit partitions, and sticky switching for unkeyed records. */
class BuiltInPartitionerTest {
    private static final Node LEADER = new Node(0, "127.0.0.1", 9092);

    private static Cluster cluster(String topic, int partitions, Set<Integer> withoutLeader) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(topic, p, withoutLeader.contains(p) ? null : LEADER, new Node[] {LEADER}, new Node[] {LEADER}));
        }
        return new Cluster("c", List.of(LEADER), infos, Set.of());
    }

    @Test
    void keyedRecordsUseMurmur2AndExplicitPartitionsWin() {
        Cluster cluster = cluster("t", 7, Set.of());
        BuiltInPartitioner partitioner = new BuiltInPartitioner(100, false, new Random(1)::nextInt);
        byte[] key = "user-42".getBytes(StandardCharsets.UTF_8);
        assertEquals(Murmur2.partitionForKey(key, 7), partitioner.partition("t", null, key, cluster));
        assertEquals(3, partitioner.partition("t", 3, key, cluster));
        assertThrows(IllegalArgumentException.class, () -> partitioner.partition("t", 7, key, cluster));
    }

    @Test
    void ignoreKeysTreatsKeyedRecordsAsUnkeyed() {
        Cluster cluster = cluster("t", 7, Set.of());
        BuiltInPartitioner partitioner = new BuiltInPartitioner(100, true, new Random(2)::nextInt);
        int sticky = partitioner.partition("t", null, null, cluster);
        assertEquals(sticky, partitioner.partition("t", null, "a".getBytes(StandardCharsets.UTF_8), cluster));
        assertEquals(sticky, partitioner.partition("t", null, "b".getBytes(StandardCharsets.UTF_8), cluster));
    }

    @Test
    void unkeyedRecordsStickUntilABatchIsCompleteThenSwitch() {
        Cluster cluster = cluster("t", 5, Set.of(1, 3));
        BuiltInPartitioner partitioner = new BuiltInPartitioner(100, false, new Random(3)::nextInt);
        Set<Integer> used = new HashSet<>();
        for (int batch = 0; batch < 40; batch++) {
            int partition = partitioner.partition("t", null, null, cluster);
            assertTrue(partition != 1 && partition != 3, "partitions without a leader are avoided");
            used.add(partition);
            partitioner.onAppend("t", partition, 60, false, cluster);
            assertEquals(partition, partitioner.partition("t", null, null, cluster), "60 of 100 bytes: stay");
            partitioner.onAppend("t", partition, 60, false, cluster);
            assertEquals(partition, partitioner.partition("t", null, null, cluster), "batch not complete yet: stay");
            partitioner.onAppend("t", partition, 1, true, cluster);
            assertNotEquals(partition, partitioner.partition("t", null, null, cluster), "full batch past batch.size: switch");
        }
        assertEquals(Set.of(0, 2, 4), used);
    }

    @Test
    void twiceTheBatchSizeSwitchesEvenWithoutAFullBatch() {
        Cluster cluster = cluster("t", 3, Set.of());
        BuiltInPartitioner partitioner = new BuiltInPartitioner(100, false, new Random(4)::nextInt);
        int first = partitioner.partition("t", null, null, cluster);
        partitioner.onAppend("t", first, 199, false, cluster);
        assertEquals(first, partitioner.partition("t", null, null, cluster));
        partitioner.onAppend("t", first, 1, false, cluster);
        assertNotEquals(first, partitioner.partition("t", null, null, cluster));
    }

    @Test
    void appendsToAnOldStickyPartitionDoNotSwitchTheNewOne() {
        Cluster cluster = cluster("t", 4, Set.of());
        BuiltInPartitioner partitioner = new BuiltInPartitioner(10, false, new Random(5)::nextInt);
        int first = partitioner.partition("t", null, null, cluster);
        partitioner.onAppend("t", first, 10, true, cluster);
        int second = partitioner.partition("t", null, null, cluster);
        partitioner.onAppend("t", first, 1000, true, cluster);
        assertEquals(second, partitioner.partition("t", null, null, cluster));
    }
}
