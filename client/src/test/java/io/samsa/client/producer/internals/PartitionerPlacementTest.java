package io.samsa.client.producer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.client.common.Cluster;
import io.samsa.client.common.Node;
import io.samsa.client.common.PartitionInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keyed records go where kafka-clients' producer sends them, for the same key bytes and partition count. */
class PartitionerPlacementTest {

    private static Cluster cluster(String topic, int partitions) {
        Node node = new Node(1, "127.0.0.1", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(topic, p, node, new Node[] {node}, new Node[] {node}));
        }
        return new Cluster("c", List.of(node), infos, Set.of());
    }

    @Test
    void keyedPlacementMatchesKafka() {
        Random random = new Random(7);
        for (int partitions : new int[] {1, 2, 3, 7, 12, 50, 100}) {
            Cluster cluster = cluster("t", partitions);
            BuiltInPartitioner ours = new BuiltInPartitioner(16_384, false, random::nextInt);
            for (int i = 0; i < 2_000; i++) {
                byte[] key = i % 2 == 0 ? ("order-" + i).getBytes(StandardCharsets.UTF_8) : randomBytes(random, i % 40);
                int kafkas = org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(key, partitions);
                assertEquals(kafkas, ours.partition("t", null, key, cluster), "partitions=" + partitions + " key #" + i);
            }
        }
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
