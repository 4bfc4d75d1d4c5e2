package io.samsa.broker.interop;

import io.samsa.broker.testing.SharedCluster;

/** A {@link SharedCluster} as an interop target: every node as bootstrap; closing it leaves the cluster running. */
record ClusterTarget(SharedCluster shared) implements InteropTarget {
    @Override
    public String bootstrap() {
        return shared.cluster().bootstrapServers();
    }

    @Override
    public void close() {
        // the cluster belongs to the test class's SharedCluster extension
    }
}
