package io.samsa.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class OffsetsTopicPartitionerTest {

    @Test
    void matchesKafkasArithmeticForManyGroupIds() {
        String[] ids = {"", "g", "group-1", "my-consumer-group", "connect-cluster", "ÄÖÜ-émoji-😀", "polygenelubricants"};
        for (int partitions : new int[] {1, 3, 50, 97}) {
            for (String id : ids) {
                assertEquals(Utils.abs(id.hashCode()) % partitions, OffsetsTopicPartitioner.partitionFor(id, partitions), id);
            }
            for (int i = 0; i < 2_000; i++) {
                String id = "group-" + i * 7919;
                assertEquals(Utils.abs(id.hashCode()) % partitions, OffsetsTopicPartitioner.partitionFor(id, partitions), id);
            }
        }
    }

    @Test
    void integerMinValueHashMapsToPartitionZero() {
        String id = "polygenelubricants";
        assertEquals(Integer.MIN_VALUE, id.hashCode());
        assertEquals(0, OffsetsTopicPartitioner.partitionFor(id, 50));
        assertEquals(0, OffsetsTopicPartitioner.partitionFor(id, 7));
    }

    @Test
    void negativeHashesUseTheMagnitudeNotTheLowBits() {
        String id = "consumer-group-negative";
        int hash = id.hashCode();
        if (hash >= 0) {
            id = "x" + id;
            hash = id.hashCode();
        }
        assertEquals(Math.abs(hash) % 50, OffsetsTopicPartitioner.partitionFor(id, 50));
    }

    @Test
    void rejectsNonPositivePartitionCounts() {
        assertThrows(IllegalArgumentException.class, () -> OffsetsTopicPartitioner.partitionFor("g", 0));
    }
}
