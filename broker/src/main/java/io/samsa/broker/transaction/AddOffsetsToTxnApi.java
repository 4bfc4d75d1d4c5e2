package io.samsa.broker.transaction;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.transaction.TransactionCoordinatorService;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.AddOffsetsToTxnRequest;
import io.samsa.protocol.message.AddOffsetsToTxnResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * AddOffsetsToTxn (v0-4): puts the group's {@code __consumer_offsets} partition into the
 * producer's transaction, so its TxnOffsetCommit is committed or aborted with it. v0-1 get
 * INVALID_PRODUCER_EPOCH where later versions get PRODUCER_FENCED. Thread-safe.
 */
final class AddOffsetsToTxnApi extends TransactionApiHandler<AddOffsetsToTxnRequest, AddOffsetsToTxnResponse> {
    static final short FIRST_PRODUCER_FENCED_VERSION = 2;

    AddOffsetsToTxnApi(Supplier<TransactionCoordinatorService> coordinator) {
        super(ApiKey.ADD_OFFSETS_TO_TXN, coordinator);
    }

    @Override
    protected CompletableFuture<AddOffsetsToTxnResponse> handle(RequestContext context, AddOffsetsToTxnRequest request) {
        short version = context.apiVersion();
        return coordinator().addOffsets(request.transactionalId(), request.producerId(), request.producerEpoch(), request.groupId())
                .thenApply(error -> new AddOffsetsToTxnResponse()
                        .setErrorCode(forVersion(error, version, FIRST_PRODUCER_FENCED_VERSION).code()));
    }
}
