package io.samsa.broker.cluster;

import io.samsa.broker.replication.ReplicaEndpoints;
import io.samsa.metadata.image.BrokerRegistration;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.image.MetadataImage;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the other brokers' inter-broker listeners are, as the metadata image's broker
 * registrations say: the endpoint named by {@code inter.broker.listener.name}. Read anew on every
 * call, so a broker restarted elsewhere is found at its new address. Thread-safe.
 */
final class ImageReplicaEndpoints implements ReplicaEndpoints {
    private final Supplier<MetadataImage> image;
    private final String listenerName;

    ImageReplicaEndpoints(Supplier<MetadataImage> image, String listenerName) {
        this.image = image;
        this.listenerName = listenerName;
    }

    @Override
    public Optional<InetSocketAddress> address(int brokerId) {
        BrokerRegistration broker = image.get().broker(brokerId);
        if (broker == null) {
            return Optional.empty();
        }
        for (Endpoint endpoint : broker.endpoints()) {
            if (endpoint.listenerName().equals(listenerName)) {
                return Optional.of(new InetSocketAddress(endpoint.host(), endpoint.port())); // resolved by the caller (a fetcher thread)
            }
        }
        return Optional.empty();
    }
}
