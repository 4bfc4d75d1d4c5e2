package io.samsa.broker.admin.view;

/**
 * One broker as Metadata and DescribeCluster list it. Immutable.
 *
 * @param id     the broker's {@code node.id}
 * @param host   the host of the endpoint clients use
 * @param port   its port
 * @param rack   {@code broker.rack}, or null
 * @param fenced whether the controller has fenced the broker
 */
public record BrokerNode(int id, String host, int port, String rack, boolean fenced) {
}
