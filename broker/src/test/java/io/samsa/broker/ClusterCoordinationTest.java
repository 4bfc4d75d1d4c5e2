package io.samsa.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.data.produce.ProducerIdSource;
import io.samsa.broker.data.produce.QuorumProducerIdAllocator;
import io.samsa.broker.testing.InProcessCluster;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.CreateTopicResult;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordination in cluster mode, three combined-mode nodes in one JVM: producer ids come in blocks
 * from the controller and never repeat, across brokers and after a restart of one;
 * {@code __consumer_offsets} is created through the controller on the first FindCoordinator (not
 * at start); and a kafka-clients group member's commitSync carries on when the coordinator's
 * broker stops and the offsets partition's leadership moves.
 */
class ClusterCoordinationTest {
    private static final Duration WAIT = InProcessCluster.WAIT;
    private static final int IDS_PER_BROKER = 1_500;
    private static final String OFFSETS = "__consumer_offsets";

    @TempDir
    Path dir;

    private InProcessCluster cluster() {
        return new InProcessCluster(dir, 3)
                .overrideAll("offsets.topic.num.partitions", "1")
                .overrideAll("offsets.topic.replication.factor", "3")
                .overrideAll("replica.fetch.wait.max.ms", "100")
                .overrideAll("replica.fetch.backoff.ms", "50");
    }

    /** Takes ids from the broker's allocator, polling over the gaps while a block is on its way. */
    private static List<Long> take(Broker broker, int count) {
        ProducerIdSource ids = broker.component(QuorumProducerIdAllocator.class).orElseThrow();
        List<Long> taken = new ArrayList<>(count);
        Await.until(WAIT, count + " producer ids", () -> {
            while (taken.size() < count) {
                long id = ids.nextId();
                if (id == ProducerIdSource.NONE) {
                    return false;
                }
                taken.add(id);
            }
            return true;
        });
        return taken;
    }

    @Test
    void idsFromControllerBlocksNeverRepeatAcrossBrokersOrRestarts() throws Exception {
        try (InProcessCluster cluster = cluster()) {
            cluster.startAll();
            Set<Long> seen = new HashSet<>();
            int handedOut = 0;
            for (Broker broker : cluster.running().values()) {
                for (long id : take(broker, IDS_PER_BROKER)) {
                    assertTrue(seen.add(id), "producer id " + id + " handed out twice");
                    handedOut++;
                }
            }
            for (long id : take(cluster.restart(2), IDS_PER_BROKER)) {
                assertTrue(seen.add(id), "producer id " + id + " handed out again after a restart");
                handedOut++;
            }
            assertEquals(4 * IDS_PER_BROKER, handedOut);
            assertEquals(handedOut, seen.size());
        }
    }

    @Test
    void theOffsetsTopicIsCreatedThroughTheControllerOnTheFirstFindCoordinator() throws Exception {
        try (InProcessCluster cluster = cluster()) {
            cluster.startAll();
            cluster.awaitAllUnfenced();
            assertNull(cluster.image(1).topic(OFFSETS), "not created at start");
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + cluster.port(1));
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000");
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
            try (Admin admin = Admin.create(props)) {
                // FindCoordinator answers COORDINATOR_NOT_AVAILABLE meanwhile; the call's outcome is not the point here
                admin.listConsumerGroupOffsets("g").all();
                cluster.awaitImage(OFFSETS + " in the image", image -> image.topic(OFFSETS) != null);
            }
            MetadataImage image = cluster.image(2);
            TopicImage offsets = image.topic(OFFSETS);
            assertEquals(1, offsets.partitions().size(), "offsets.topic.num.partitions");
            for (PartitionRegistration partition : offsets.partitions().values()) {
                assertEquals(3, partition.replicas().length, "offsets.topic.replication.factor");
            }
            assertEquals("compact", image.configs(ConfigResource.topic(OFFSETS)).get("cleanup.policy"));
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static int offsetsLeader(InProcessCluster cluster, int viewer) {
        TopicImage offsets = cluster.image(viewer).topic(OFFSETS);
        PartitionRegistration partition = offsets == null ? null : offsets.partition(0);
        return partition == null ? PartitionRegistration.NO_LEADER : partition.leader();
    }

    @Test
    void commitSyncCarriesOnWhenTheCoordinatorsBrokerStops() throws Exception {
        try (InProcessCluster cluster = cluster()) {
            cluster.startAll();
            cluster.awaitAllUnfenced();
            List<CreateTopicResult> created = cluster.membership(1).quorum().forward(ControllerRpcs.createTopics(
                    List.of(CreatableTopic.of("orders", 1, 3), CreatableTopic.of(OFFSETS, 1, 3)), false), 30_000)
                    .get(40, TimeUnit.SECONDS);
            created.forEach(result -> assertEquals(ErrorCode.NONE, result.error().error(), result.error().message()));
            cluster.awaitImage("both topics led", image -> offsetsLeader(cluster, 1) != PartitionRegistration.NO_LEADER
                    && image.topic("orders") != null && image.topic("orders").partition(0).hasLeader());
            int coordinator = offsetsLeader(cluster, 1);
            int bootstrap = coordinator == 1 ? 2 : 1;
            org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition("orders", 0);

            try (KafkaConsumer<String, String> consumer = consumer("127.0.0.1:" + cluster.port(bootstrap))) {
                consumer.subscribe(List.of("orders"));
                Await.until(WAIT, "the member to get its assignment", () -> {
                    consumer.poll(Duration.ofMillis(100));
                    return consumer.assignment().contains(tp);
                });
                for (long offset = 1; offset <= 5; offset++) {
                    consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)), WAIT);
                }
                cluster.stop(coordinator);
                cluster.awaitImage("the offsets partition led elsewhere", image -> {
                    int leader = offsetsLeader(cluster, bootstrap);
                    return leader != PartitionRegistration.NO_LEADER && leader != coordinator;
                });
                assertEquals(5L, consumer.committed(Set.of(tp), WAIT).get(tp).offset(),
                        "the new coordinator loaded the replicated commits");
                for (long offset = 6; offset <= 10; offset++) {
                    consumer.poll(Duration.ofMillis(50));
                    consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)), WAIT);
                }
                assertEquals(10L, consumer.committed(Set.of(tp), WAIT).get(tp).offset());
                assertEquals(Set.of(tp), consumer.assignment(), "the member kept its assignment across the move");
            }
        }
    }
}
