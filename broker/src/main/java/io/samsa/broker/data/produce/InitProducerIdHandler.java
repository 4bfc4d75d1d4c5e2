package io.samsa.broker.data.produce;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.InitProducerIdRequest;
import io.samsa.protocol.message.InitProducerIdResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * InitProducerId (key 22) v0-5 for idempotent producers: as Kafka does without a transactional id,
 * every request gets a fresh producer id at epoch 0 (also when it names its current id and epoch,
 * KIP-360's bump). A transactional id goes to the transaction coordinator
 * ({@link TransactionalInitProducerId}); on a broker without one it is answered INVALID_REQUEST,
 * which the Java producer treats as fatal with that message, instead of a retriable error it
 * would loop on. While no producer id is at hand (a cluster broker waiting for
 * its next block from the controller) the answer is COORDINATOR_LOAD_IN_PROGRESS, as Kafka's, which
 * clients retry.
 *
 * <p>Thread-safe.
 */
public final class InitProducerIdHandler extends MessageHandler<InitProducerIdRequest, InitProducerIdResponse> {
    private final ProducerIdSource producerIds;
    private final Supplier<TransactionalInitProducerId> transactions;

    public InitProducerIdHandler(ProducerIdSource producerIds) {
        this(producerIds, () -> null);
    }

    /** @param transactions the transaction coordinator's side, read per request; a supplier of null without one */
    public InitProducerIdHandler(ProducerIdSource producerIds, Supplier<TransactionalInitProducerId> transactions) {
        super(ApiKey.INIT_PRODUCER_ID);
        this.producerIds = producerIds;
        this.transactions = transactions;
    }

    @Override
    protected CompletableFuture<InitProducerIdResponse> handle(RequestContext context, InitProducerIdRequest request) {
        InitProducerIdResponse response = new InitProducerIdResponse();
        if (request.transactionalId() != null) {
            TransactionalInitProducerId coordinator = transactions.get();
            if (coordinator != null) {
                return coordinator.init(request, context.apiVersion());
            }
            return CompletableFuture.completedFuture(response.setErrorCode(ErrorCode.INVALID_REQUEST.code())
                    .setProducerId(-1).setProducerEpoch((short) -1));
        }
        long id = producerIds.nextId();
        if (id == ProducerIdSource.NONE) {
            return CompletableFuture.completedFuture(response.setErrorCode(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS.code())
                    .setProducerId(-1).setProducerEpoch((short) -1));
        }
        return CompletableFuture.completedFuture(response.setErrorCode(ErrorCode.NONE.code())
                .setProducerId(id).setProducerEpoch((short) 0));
    }
}
