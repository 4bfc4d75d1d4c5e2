package io.samsa.client.producer.internals;

import io.samsa.client.common.Node;
import io.samsa.client.errors.CoordinatorNotAvailableException;
import io.samsa.client.internals.metadata.CoordinatorType;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.types.ApiMessage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link TxnChannel} a test answers by hand: coordinators are node 1 (transaction) and node 2
 * (group) unless a lookup is told to fail, and every request waits for {@link Sent#answer}.
 *
 * <p>Not thread-safe: one test thread drives it and the manager.
 */
final class ScriptedTxnChannel implements TxnChannel {
    static final Node TRANSACTION_COORDINATOR = new Node(1, "127.0.0.1", 9001);
    static final Node GROUP_COORDINATOR = new Node(2, "127.0.0.1", 9002);

    /** One request the manager sent. */
    record Sent(Node node, ClientRequest request, CompletableFuture<ApiMessage> response) {
        ApiMessageType type() {
            return request.type();
        }

        /** The body as the highest version the manager allows would carry it. */
        <T extends ApiMessage> T body(Class<T> type) {
            return type.cast(request.builder().apply(request.maxVersion()));
        }

        void answer(ApiMessage message) {
            response.complete(message);
        }
    }

    final List<Sent> sent = new ArrayList<>();
    final Map<CoordinatorType, Integer> lookups = new EnumMap<>(CoordinatorType.class);
    final Map<CoordinatorType, Integer> invalidations = new EnumMap<>(CoordinatorType.class);
    private int failingLookups;

    /** The next {@code count} lookups fail with COORDINATOR_NOT_AVAILABLE. */
    void failLookups(int count) {
        failingLookups = count;
    }

    @Override
    public CompletableFuture<Node> coordinator(CoordinatorType type, String key) {
        lookups.merge(type, 1, Integer::sum);
        if (failingLookups > 0) {
            failingLookups--;
            return CompletableFuture.failedFuture(new CoordinatorNotAvailableException("scripted"));
        }
        return CompletableFuture.completedFuture(type == CoordinatorType.TRANSACTION ? TRANSACTION_COORDINATOR : GROUP_COORDINATOR);
    }

    @Override
    public void invalidate(CoordinatorType type, String key) {
        invalidations.merge(type, 1, Integer::sum);
    }

    @Override
    public CompletableFuture<ApiMessage> send(Node node, ClientRequest request) {
        Sent one = new Sent(node, request, new CompletableFuture<>());
        sent.add(one);
        return one.response();
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }
}
