package io.samsa.broker.data.produce;

import io.samsa.protocol.message.InitProducerIdRequest;
import io.samsa.protocol.message.InitProducerIdResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Where InitProducerId goes when it names a transactional id: the transaction coordinator. The
 * transaction module implements it; the future never fails. Thread-safe implementations only.
 */
@FunctionalInterface
public interface TransactionalInitProducerId {

    /** @param version the request's version, which decides PRODUCER_FENCED vs INVALID_PRODUCER_EPOCH */
    CompletableFuture<InitProducerIdResponse> init(InitProducerIdRequest request, short version);
}
