package io.samsa.broker.admin.view;

import java.util.List;

/**
 * The brokers of the cluster as the broker-facing admin APIs (Metadata, DescribeCluster) report
 * them: the cluster id, the active controller and the registered brokers. One implementation per
 * mode, so the handlers do not branch on it. Implementations are thread-safe and read their
 * source once per call.
 */
public interface BrokerView {
    /** @return the cluster id clients see */
    String clusterId();

    /** @return the active controller's node id (the metadata quorum's leader), -1 if none is known */
    int controllerId();

    /**
     * @param listenerName  the listener the request came in on: each broker's endpoint of that
     *                      listener, or its first advertised endpoint when it has none by that name
     * @param includeFenced whether fenced brokers are listed too (DescribeCluster v2)
     * @return the brokers, by id
     */
    List<BrokerNode> brokers(String listenerName, boolean includeFenced);
}
