package io.samsa.client.admin;

import io.samsa.client.common.Node;
import java.util.List;

/**
 * The cluster as DescribeCluster (or, from older brokers, Metadata) reports it. Immutable.
 *
 * @param controller the controller the broker names, or null if none
 */
public record ClusterDescription(String clusterId, Node controller, List<Node> nodes) {
    public ClusterDescription {
        nodes = List.copyOf(nodes);
    }
}
