package io.samsa.broker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.metadata.image.BrokerRegistration;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers in combined mode in one JVM (Kafka's keys, fixed ports picked free up front):
 * each registers and becomes unfenced, the CONTROLLER listener is the quorum's and not the
 * broker's, and a broker closed in a controlled shutdown is fenced in the others' image while a
 * restart registers it again with a new incarnation.
 */
class ClusterMembershipTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Map<Integer, Broker> brokers = new TreeMap<>();
    private final Map<Integer, Integer> ports = new HashMap<>();
    private final Map<Integer, Integer> controllerPorts = new HashMap<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() {
        brokers.values().forEach(Broker::close);
    }

    private BrokerConfig config(int id) {
        String voters = controllerPorts.entrySet().stream().map(e -> e.getKey() + "@127.0.0.1:" + e.getValue())
                .collect(Collectors.joining(","));
        Map<String, String> props = TestBrokers.combinedMode(id, ports.get(id), controllerPorts.get(id), voters,
                dir.resolve("node-" + id));
        return BrokerConfig.of(props);
    }

    private Broker start(int id) throws Exception {
        Broker broker = BrokerAssembly.build(config(id), Time.SYSTEM).start();
        brokers.put(id, broker);
        return broker;
    }

    private static ClusterMembership membership(Broker broker) {
        return broker.component(ClusterMembership.class).orElseThrow();
    }

    private void awaitImages(String what, java.util.function.Predicate<MetadataImage> condition) {
        Await.until(WAIT, what, () -> brokers.values().stream()
                .allMatch(b -> condition.test(membership(b).quorum().currentImage())));
    }

    @Test
    void threeBrokersRegisterUnfenceAndShutDownUnderControl() throws Exception {
        for (int id = 1; id <= 3; id++) {
            ports.put(id, TestBrokers.freeLoopbackPort());
            controllerPorts.put(id, TestBrokers.freeLoopbackPort());
        }
        for (int id = 1; id <= 3; id++) {
            start(id);
        }
        awaitImages("three unfenced brokers", image -> image.brokers().size() == 3
                && image.brokers().values().stream().noneMatch(BrokerRegistration::fenced));
        Await.until(WAIT, "every broker sees itself unfenced",
                () -> brokers.values().stream().allMatch(b -> membership(b).isUnfenced()));
        MetadataImage image = membership(brokers.get(1)).quorum().currentImage();
        for (int id = 1; id <= 3; id++) {
            assertEquals(List.of(new io.samsa.metadata.image.Endpoint("PLAINTEXT", "127.0.0.1", ports.get(id),
                    "PLAINTEXT")), image.broker(id).endpoints(), "broker " + id + " registers its broker listener only");
            assertEquals(List.of(ports.get(id)), brokers.get(id).boundAddresses().stream().map(a -> a.getPort())
                    .toList(), "the network server does not bind the CONTROLLER listener");
        }

        var before = image.broker(2).incarnationId();
        brokers.remove(2).close();
        awaitImages("broker 2 fenced after its controlled shutdown", i -> i.broker(2) != null && i.broker(2).fenced());

        start(2);
        awaitImages("broker 2 back, unfenced, with a new incarnation", i -> i.broker(2) != null
                && !i.broker(2).fenced() && !i.broker(2).incarnationId().equals(before));
        assertTrue(membership(brokers.get(2)).brokerEpoch() >= 0);
    }
}
