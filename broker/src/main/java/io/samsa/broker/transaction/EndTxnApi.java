package io.samsa.broker.transaction;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.transaction.TransactionCoordinatorService;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.EndTxnRequest;
import io.samsa.protocol.message.EndTxnResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * EndTxn (v0-4, transaction version 1): commit or abort the producer's open transaction. v0-1
 * get INVALID_PRODUCER_EPOCH where later versions get PRODUCER_FENCED. Thread-safe.
 */
final class EndTxnApi extends TransactionApiHandler<EndTxnRequest, EndTxnResponse> {
    static final short FIRST_PRODUCER_FENCED_VERSION = 2;

    EndTxnApi(Supplier<TransactionCoordinatorService> coordinator) {
        super(ApiKey.END_TXN, coordinator);
    }

    @Override
    protected CompletableFuture<EndTxnResponse> handle(RequestContext context, EndTxnRequest request) {
        short version = context.apiVersion();
        return coordinator().endTransaction(request.transactionalId(), request.producerId(), request.producerEpoch(), request.committed())
                .thenApply(error -> new EndTxnResponse()
                        .setErrorCode(forVersion(error, version, FIRST_PRODUCER_FENCED_VERSION).code()));
    }
}
