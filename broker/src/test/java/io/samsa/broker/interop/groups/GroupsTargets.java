package io.samsa.broker.interop.groups;

import io.samsa.broker.testing.ClusterLogsOnFailure;
import io.samsa.broker.testing.OnCluster;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Starts the target a group interop test class asks for: a {@link GroupsCluster} when the class is
 * marked {@link OnCluster}, else one in-process {@link GroupsBroker}.
 *
 * <p>Stateless; thread-safe.
 */
final class GroupsTargets {
    private GroupsTargets() {
    }

    static GroupsTarget start(Class<?> testClass, Path dataDir) throws Exception {
        return testClass.isAnnotationPresent(OnCluster.class) ? GroupsCluster.start(dataDir) : GroupsBroker.start(dataDir);
    }

    /** @return an extension printing the cluster's node logs when a test fails (nothing for one broker) */
    static ClusterLogsOnFailure logsOnFailure(Supplier<GroupsTarget> target) {
        return new ClusterLogsOnFailure(() -> target.get() instanceof GroupsCluster cluster ? cluster.cluster() : null);
    }
}
