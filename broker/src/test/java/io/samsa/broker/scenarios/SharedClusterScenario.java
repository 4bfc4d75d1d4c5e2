package io.samsa.broker.scenarios;

import io.samsa.broker.testing.ClusterLogsOnFailure;
import io.samsa.broker.testing.SamsaCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the scenario classes: one 3-node {@link SamsaCluster} in child JVMs, started before the
 * class's first test and killed after its last, over a temp directory; the nodes' log tails are
 * printed when anything fails. A subclass marked {@link ThroughFaultProxies} gets a cluster whose
 * inter-node paths pass fault proxies.
 *
 * <p>Not thread-safe: JUnit runs one class at a time here (no parallel execution is configured).
 */
abstract class SharedClusterScenario {
    @TempDir
    static Path dir;
    /** The cluster of the class now running. */
    static SamsaCluster cluster;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = new ClusterLogsOnFailure(() -> cluster);

    @BeforeAll
    static void startCluster(TestInfo test) {
        SamsaCluster.Builder builder = SamsaCluster.builder(dir).nodes(3);
        if (test.getTestClass().orElseThrow().isAnnotationPresent(ThroughFaultProxies.class)) {
            builder.faultProxies();
        }
        cluster = builder.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
