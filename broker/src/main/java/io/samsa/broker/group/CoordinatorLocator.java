package io.samsa.broker.group;

import io.samsa.broker.metadata.LocalBroker;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.protocol.ErrorCode;
import java.util.function.Supplier;

/**
 * Where the group coordinator of one {@code __consumer_offsets} partition runs, as FindCoordinator
 * answers it: this node on a single node, the partition's leader in the metadata image in a
 * cluster ({@link ImageCoordinatorLocator}). Thread-safe; never blocks.
 */
@FunctionalInterface
public interface CoordinatorLocator {

    /**
     * @param listenerName the listener the request came in on: the answer names the coordinator's
     *                     endpoint on the same listener, as Kafka does
     */
    Location locate(int partition, String listenerName);

    /**
     * A single node: this node, while its coordinator holds the partition (which it does for every
     * partition it was elected for).
     *
     * @param self this node as clients reach it; read per request (the port is known after binding)
     */
    static CoordinatorLocator local(Supplier<GroupCoordinatorService> coordinator, Supplier<LocalBroker> self) {
        return localRuntime(() -> coordinator.get().runtime(), self);
    }

    /** As {@link #local}, for any coordinator's runtime (the transaction coordinator's too). */
    static CoordinatorLocator localRuntime(Supplier<? extends io.samsa.coordinator.runtime.CoordinatorRuntime<?>> runtime,
                                           Supplier<LocalBroker> self) {
        return (partition, listenerName) -> {
            if (!runtime.get().partitions().contains(partition)) {
                return Location.unavailable();
            }
            LocalBroker node = self.get();
            return Location.at(node.nodeId(), node.advertisedHost(), node.advertisedPort());
        };
    }

    /**
     * The answer: a broker, or an error (then node -1).
     *
     * @param error NONE, or a retriable COORDINATOR_NOT_AVAILABLE
     */
    record Location(ErrorCode error, int nodeId, String host, int port) {

        public static Location unavailable() {
            return new Location(ErrorCode.COORDINATOR_NOT_AVAILABLE, -1, "", -1);
        }

        public static Location at(int nodeId, String host, int port) {
            return new Location(ErrorCode.NONE, nodeId, host, port);
        }
    }
}
