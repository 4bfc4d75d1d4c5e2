package io.samsa.client.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The cluster harness itself: three nodes replicate a topic, acks=all survives one node killed, the
 * node comes back into the ISR, and nothing is left behind.
 */
class KafkaClusterTest {

    @Test
    void threeNodesReplicateSurviveAKilledNodeAndCleanUp() throws Exception {
        List<Path> logs;
        KafkaCluster kafka = KafkaCluster.builder().nodes(3).start();
        try {
            logs = kafka.nodeIds().stream().map(kafka::logFile).collect(Collectors.toList());
            assertEquals(3, kafka.bootstrapServers().split(",").length);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
                 KafkaProducer<String, String> producer = producer(kafka)) {
                assertEquals(Set.of(1, 2, 3), admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                    .map(Node::id).collect(Collectors.toSet()));
                admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3))).all().get(30, TimeUnit.SECONDS);
                TopicPartitionInfo partition = awaitFullIsr(admin, "replicated", Duration.ofSeconds(30));
                assertEquals(3, partition.replicas().size());

                int leader = partition.leader().id();
                kafka.kill(leader);
                assertFalse(kafka.isRunning(leader));
                RecordMetadata sent = producer.send(new ProducerRecord<>("replicated", "k", "v")).get(60, TimeUnit.SECONDS);
                assertEquals(0, sent.offset());

                kafka.restart(leader, Duration.ofSeconds(60));
                assertEquals(3, awaitFullIsr(admin, "replicated", Duration.ofSeconds(60)).isr().size());
            }
        } finally {
            kafka.close();
        }
        for (Path log : logs) {
            assertFalse(Files.exists(log), "the node's temporary directory is deleted");
        }
    }

    private static KafkaProducer<String, String> producer(KafkaCluster kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static TopicPartitionInfo awaitFullIsr(Admin admin, String topic, Duration timeout) throws Exception {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            TopicPartitionInfo partition = description.partitions().get(0);
            if (partition.leader() != null && partition.isr().size() == partition.replicas().size()) {
                return partition;
            }
            assertTrue(deadlineNs - System.nanoTime() > 0, "ISR not full in time: " + partition);
            KafkaBroker.pause(100);
        }
    }
}
