package io.samsa.client.producer.internals;

import io.samsa.client.common.Node;
import io.samsa.client.internals.metadata.CoordinatorLookup;
import io.samsa.client.internals.metadata.CoordinatorType;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.protocol.types.ApiMessage;
import java.util.concurrent.CompletableFuture;

/**
 * {@link TxnChannel} over the producer's {@link NetworkClient}, with coordinators found by
 * {@link CoordinatorLookup}. Thread-safe.
 */
public final class NetworkTxnChannel implements TxnChannel {
    private final NetworkClient network;
    private final CoordinatorLookup lookup;

    public NetworkTxnChannel(NetworkClient network, CoordinatorLookup lookup) {
        this.network = network;
        this.lookup = lookup;
    }

    @Override
    public CompletableFuture<Node> coordinator(CoordinatorType type, String key) {
        return lookup.find(type, key);
    }

    @Override
    public void invalidate(CoordinatorType type, String key) {
        lookup.invalidate(type, key);
    }

    @Override
    public CompletableFuture<ApiMessage> send(Node node, ClientRequest request) {
        return network.send(node, request);
    }
}
