package io.samsa.client.producer.internals;

import io.samsa.client.common.Node;
import io.samsa.client.internals.metadata.CoordinatorType;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.types.ApiMessage;
import java.util.concurrent.CompletableFuture;

/**
 * What the {@link TransactionManager} needs of the network: coordinators by key, and requests to
 * them. The producer's implementation is {@link NetworkTxnChannel}; tests script one.
 *
 * <p>Implementations are thread-safe; futures may complete on any thread.
 */
public interface TxnChannel {

    /** The coordinator of {@code key} (FindCoordinator, or a cached answer). */
    CompletableFuture<Node> coordinator(CoordinatorType type, String key);

    /** Forgets a cached coordinator, so the next {@link #coordinator} looks it up again. */
    void invalidate(CoordinatorType type, String key);

    /** Sends {@code request} to {@code node}; the future completes with the response or the failure. */
    CompletableFuture<ApiMessage> send(Node node, ClientRequest request);
}
