package io.samsa.broker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.testing.InProcessCluster;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.image.MetadataImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers in combined mode in one JVM (Kafka's keys, fixed ports picked free up front):
 * each registers and becomes unfenced, the CONTROLLER listener is the quorum's and not the
 * broker's, and a broker closed in a controlled shutdown is fenced in the others' image while a
 * restart registers it again with a new incarnation.
 */
class ClusterMembershipTest {
    @TempDir
    Path dir;

    @Test
    void threeBrokersRegisterUnfenceAndShutDownUnderControl() throws Exception {
        try (InProcessCluster cluster = InProcessCluster.started(dir, 3)) {
            cluster.awaitAllUnfenced();
            MetadataImage image = cluster.image(1);
            for (int id = 1; id <= 3; id++) {
                assertEquals(List.of(new Endpoint("PLAINTEXT", "127.0.0.1", cluster.port(id), "PLAINTEXT")),
                        image.broker(id).endpoints(), "broker " + id + " registers its broker listener only");
                assertEquals(List.of(cluster.port(id)), cluster.broker(id).boundAddresses().stream()
                        .map(a -> a.getPort()).toList(), "the network server does not bind the CONTROLLER listener");
            }

            var before = image.broker(2).incarnationId();
            cluster.stop(2);
            cluster.awaitImage("broker 2 fenced after its controlled shutdown",
                    i -> i.broker(2) != null && i.broker(2).fenced());

            cluster.start(2);
            cluster.awaitImage("broker 2 back, unfenced, with a new incarnation", i -> i.broker(2) != null
                    && !i.broker(2).fenced() && !i.broker(2).incarnationId().equals(before));
            assertTrue(cluster.membership(2).brokerEpoch() >= 0);
        }
    }
}
