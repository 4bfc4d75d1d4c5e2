package io.samsa.broker.replication;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where another broker's inter-broker listener is, by broker id (today given by the test, next
 * from the registered brokers of the metadata image). Thread-safe implementations only.
 */
@FunctionalInterface
public interface ReplicaEndpoints {

    /** No other brokers. */
    ReplicaEndpoints NONE = brokerId -> Optional.empty();

    /** @return the address a follower fetches from, or empty when the broker is unknown */
    Optional<InetSocketAddress> address(int brokerId);
}
