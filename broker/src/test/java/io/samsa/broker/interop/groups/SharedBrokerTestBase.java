package io.samsa.broker.interop.groups;

import io.samsa.broker.testing.ClusterLogsOnFailure;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the group interop test classes that share one broker: it is started before the class's
 * first test and stopped after its last, over a temp directory, so each class pays one broker start.
 * Tests keep apart by using their own topic and group names. Subclasses may add their own
 * {@code @BeforeAll} set-up, which JUnit runs after this one.
 *
 * <p>Not thread-safe: JUnit runs one class at a time here (no parallel execution is configured).
 */
abstract class SharedBrokerTestBase {
    @TempDir
    static Path dataDir;
    /** The broker of the class now running. */
    static GroupsTarget broker;

    @RegisterExtension
    static final ClusterLogsOnFailure LOGS = GroupsTargets.logsOnFailure(() -> broker);

    /** One in-process broker, or a 3-node cluster for a subclass marked {@link OnCluster}. */
    @BeforeAll
    static void startSharedBroker(TestInfo test) throws Exception {
        broker = GroupsTargets.start(test.getTestClass().orElseThrow(), dataDir);
    }

    @AfterAll
    static void stopSharedBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
