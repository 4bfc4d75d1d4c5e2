package io.samsa.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.cluster.ClusterMembership;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.data.produce.ProducerIdSource;
import io.samsa.broker.data.produce.QuorumProducerIdAllocator;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordination in cluster mode, three combined-mode brokers in one JVM: producer ids come in
 * blocks from the controller and never repeat, across brokers and after a restart of one; and
 * {@code __consumer_offsets} is created through the controller on the first FindCoordinator (not
 * at start), with offsets.topic.num.partitions and offsets.topic.replication.factor.
 */
class ClusterCoordinationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int IDS_PER_BROKER = 1_500;
    /** Broker id to its broker and controller ports. */
    private final Map<Integer, int[]> ports = new TreeMap<>();
    private final Map<Integer, Broker> brokers = new TreeMap<>();

    @TempDir
    Path dir;

    @AfterEach
    void closeBrokers() {
        for (Broker broker : brokers.values()) {
            broker.close();
        }
    }

    private Broker start(int id) throws Exception {
        String voters = ports.entrySet().stream().map(e -> e.getKey() + "@127.0.0.1:" + e.getValue()[1])
                .collect(Collectors.joining(","));
        Map<String, String> props = TestBrokers.combinedMode(id, ports.get(id)[0], ports.get(id)[1], voters,
                dir.resolve("node-" + id));
        props.put("offsets.topic.num.partitions", "3");
        props.put("offsets.topic.replication.factor", "3");
        BrokerConfig config = BrokerConfig.of(props);
        Broker broker = BrokerAssembly.build(config, Time.SYSTEM).start();
        brokers.put(id, broker);
        return broker;
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
        for (int id = 1; id <= 3; id++) {
            ports.put(id, new int[] {TestBrokers.freeLoopbackPort(), TestBrokers.freeLoopbackPort()});
        }
        for (int id = 1; id <= 3; id++) {
            start(id);
        }
        Set<Long> seen = new HashSet<>();
        int handedOut = 0;
        for (Broker broker : brokers.values()) {
            for (long id : take(broker, IDS_PER_BROKER)) {
                assertTrue(seen.add(id), "producer id " + id + " handed out twice");
                handedOut++;
            }
        }
        brokers.remove(2).close();
        for (long id : take(start(2), IDS_PER_BROKER)) {
            assertTrue(seen.add(id), "producer id " + id + " handed out again after a restart");
            handedOut++;
        }
        assertEquals(4 * IDS_PER_BROKER, handedOut);
        assertEquals(handedOut, seen.size());
    }

    @Test
    void theOffsetsTopicIsCreatedThroughTheControllerOnTheFirstFindCoordinator() throws Exception {
        for (int id = 1; id <= 3; id++) {
            ports.put(id, new int[] {TestBrokers.freeLoopbackPort(), TestBrokers.freeLoopbackPort()});
        }
        for (int id = 1; id <= 3; id++) {
            start(id);
        }
        Await.until(WAIT, "three unfenced brokers", () -> brokers.values().stream().allMatch(b -> membership(b).isUnfenced()));
        assertNull(membership(brokers.get(1)).quorum().currentImage().topic("__consumer_offsets"), "not created at start");

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports.get(1)[0]);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        try (Admin admin = Admin.create(props)) {
            // FindCoordinator answers COORDINATOR_NOT_AVAILABLE meanwhile; the call's outcome is not the point here
            admin.listConsumerGroupOffsets("g").all();
            Await.until(WAIT, "__consumer_offsets in every image", () -> brokers.values().stream()
                    .allMatch(b -> membership(b).quorum().currentImage().topic("__consumer_offsets") != null));
        }
        MetadataImage image = membership(brokers.get(2)).quorum().currentImage();
        TopicImage offsets = image.topic("__consumer_offsets");
        assertEquals(3, offsets.partitions().size(), "offsets.topic.num.partitions");
        for (PartitionRegistration partition : offsets.partitions().values()) {
            assertEquals(3, partition.replicas().length, "offsets.topic.replication.factor");
            assertTrue(partition.hasLeader());
        }
        assertEquals("compact", image.configs(ConfigResource.topic("__consumer_offsets"))
                .get("cleanup.policy"));
    }

    private static ClusterMembership membership(Broker broker) {
        return broker.component(ClusterMembership.class).orElseThrow();
    }
}
