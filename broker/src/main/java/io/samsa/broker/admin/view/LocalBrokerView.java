package io.samsa.broker.admin.view;

import io.samsa.broker.metadata.LocalBroker;
import java.util.List;
import java.util.function.Supplier;

/**
 * A one-broker cluster: this node is the only broker (on its advertised endpoint, whatever the
 * listener), never fenced, and the controller. Thread-safe.
 */
public final class LocalBrokerView implements BrokerView {
    private final Supplier<LocalBroker> localBroker;

    /** @param localBroker this node, read once per call (its port is known only once bound) */
    public LocalBrokerView(Supplier<LocalBroker> localBroker) {
        this.localBroker = localBroker;
    }

    @Override
    public String clusterId() {
        return localBroker.get().clusterId();
    }

    @Override
    public int controllerId() {
        return localBroker.get().nodeId();
    }

    @Override
    public List<BrokerNode> brokers(String listenerName, boolean includeFenced) {
        LocalBroker broker = localBroker.get();
        return List.of(new BrokerNode(broker.nodeId(), broker.advertisedHost(), broker.advertisedPort(), broker.rack(),
                false));
    }
}
