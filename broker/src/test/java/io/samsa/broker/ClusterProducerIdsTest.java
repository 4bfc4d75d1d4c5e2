package io.samsa.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.data.produce.ProducerIdSource;
import io.samsa.broker.data.produce.QuorumProducerIdAllocator;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producer ids in cluster mode: three combined-mode brokers in one JVM take blocks from the
 * controller; the ids they hand out, before and after a restart of one broker, never repeat.
 */
class ClusterProducerIdsTest {
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
        BrokerConfig config = BrokerConfig.of(Map.of("process.roles", "broker,controller", "node.id", Integer.toString(id),
                "controller.quorum.voters", voters,
                "listeners", "PLAINTEXT://127.0.0.1:" + ports.get(id)[0] + ",CONTROLLER://127.0.0.1:" + ports.get(id)[1],
                "controller.listener.names", "CONTROLLER", "inter.broker.listener.name", "PLAINTEXT",
                "log.dirs", dir.resolve("node-" + id).toString(), "broker.heartbeat.interval.ms", "200",
                "controller.quorum.election.timeout.ms", "300", "samsa.shutdown.timeout.ms", "3000"));
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
}
