package io.samsa.client.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.client.common.header.Header;
import io.samsa.client.common.header.RecordHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** TopicPartition identity (hash equal to Kafka's), Node, Cluster and headers behaviour. */
class CommonTypesTest {

    @Test
    void topicPartitionHashAndTextEqualKafkas() {
        Random random = new Random(9);
        for (int i = 0; i < 1000; i++) {
            String topic = "t" + Long.toString(random.nextLong(), 36);
            int partition = random.nextInt(10_000);
            TopicPartition ours = new TopicPartition(topic, partition);
            org.apache.kafka.common.TopicPartition theirs = new org.apache.kafka.common.TopicPartition(topic, partition);
            assertEquals(theirs.hashCode(), ours.hashCode());
            assertEquals(theirs.toString(), ours.toString());
            assertEquals(new TopicPartition(topic, partition), ours);
        }
        assertEquals("topic-0", new TopicPartition("topic", 0).toString());
    }

    @Test
    void headersAddRemoveLastAndReadOnly() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("a", new byte[] {1}).add("b", null).add("a", new byte[] {2});
        assertArrayEquals(new byte[] {2}, headers.lastHeader("a").value());
        List<Header> as = new ArrayList<>();
        headers.headers("a").forEach(as::add);
        assertEquals(2, as.size());
        assertEquals(3, headers.toArray().length);
        assertNull(headers.lastHeader("missing"));
        headers.remove("a");
        assertEquals(1, headers.toArray().length);
        assertNull(headers.lastHeader("b").value());
        headers.setReadOnly();
        assertThrows(IllegalStateException.class, () -> headers.add("c", null));
        assertThrows(IllegalStateException.class, () -> headers.remove("b"));
        assertThrows(NullPointerException.class, () -> new RecordHeaders().add(null, null));
    }

    @Test
    void clusterIndexesPartitionsAndLeaders() {
        Node n0 = new Node(0, "127.0.0.1", 9092, "r1");
        PartitionInfo p0 = new PartitionInfo("t", 0, n0, new Node[] {n0}, new Node[] {n0});
        PartitionInfo p1 = new PartitionInfo("t", 1, null, new Node[] {n0}, new Node[0]);
        Cluster cluster = new Cluster("id", List.of(n0), List.of(p0, p1), Set.of());
        assertEquals(2, cluster.partitionCountForTopic("t"));
        assertEquals(List.of(p0), cluster.availablePartitionsForTopic("t"));
        assertEquals(p1, cluster.partition(new TopicPartition("t", 1)));
        assertNull(cluster.partitionCountForTopic("u"));
        assertEquals("127.0.0.1:9092 (id: 0 rack: r1)", n0.toString());
        assertEquals(-1, Node.noNode().id());
    }
}
