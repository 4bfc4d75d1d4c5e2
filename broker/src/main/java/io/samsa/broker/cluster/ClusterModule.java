package io.samsa.broker.cluster;

import io.samsa.broker.BrokerModule;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.Endpoint;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.protocol.util.Time;
import java.util.List;
import java.util.function.Supplier;

/**
 * Cluster mode (only with {@code controller.quorum.voters}): the node's quorum voter and its
 * broker registration and heartbeats. Started first and closed last, so the broker's other parts
 * may use the metadata image, and the controlled shutdown runs after the listeners are closed.
 */
public final class ClusterModule implements BrokerModule {
    private final ClusterMembership membership;

    public ClusterModule(BrokerConfig config, Time time, Supplier<List<Endpoint>> advertised) {
        // PartitionRoleSink.NONE until the replica manager is plugged in here (cluster-replication merge)
        this.membership = new ClusterMembership(config, time, advertised, PartitionRoleSink.NONE);
    }

    public ClusterMembership membership() {
        return membership;
    }

    @Override
    public List<BrokerComponent> components() {
        return List.of(membership);
    }

    @Override
    public List<ApiHandler> handlers() {
        return List.of();
    }
}
