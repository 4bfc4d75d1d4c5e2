package io.samsa.broker.metadata;

import java.util.Objects;

/**
 * Port from the broker config: who this node is, as clients must see it. On a single-node cluster
 * this node is also the controller and the leader of every partition.
 *
 * <p>Handlers take a {@code Supplier<LocalBroker>} and read it once per request, because the
 * advertised port is known only after the listener is bound (port 0 in tests); see
 * {@link BrokerConfigPorts#localBroker}.
 *
 * <p>Immutable.
 *
 * @param nodeId         {@code node.id}
 * @param clusterId      the cluster id (from the data dir's meta.properties or config)
 * @param advertisedHost host of the advertised listener clients connect to
 * @param advertisedPort port of that listener
 * @param rack           {@code broker.rack}, or null
 */
public record LocalBroker(int nodeId, String clusterId, String advertisedHost, int advertisedPort, String rack) {

    public LocalBroker {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        if (nodeId < 0 || advertisedPort < 0 || advertisedPort > 65535) {
            throw new IllegalArgumentException("bad broker identity: node " + nodeId + " port " + advertisedPort);
        }
    }
}
