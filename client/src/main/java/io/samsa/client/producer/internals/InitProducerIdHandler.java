package io.samsa.client.producer.internals;

import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.InitProducerIdRequest;
import io.samsa.protocol.message.InitProducerIdResponse;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.types.ApiMessage;

/**
 * InitProducerId with the transactional id, to the transaction coordinator: the first one gets the
 * producer id and epoch (and fences older incarnations); after an abort that left sequences broken
 * it carries the current id and epoch (v3+, KIP-360) so the coordinator bumps the epoch instead of
 * fencing this producer. v0-2 cannot bump, so there the request asks afresh.
 *
 * <p>Not thread-safe: used under the manager's lock.
 */
final class InitProducerIdHandler extends TxnRequestHandler {
    private static final int FIRST_VERSION_WITH_EPOCH = 3;
    /** v6 adds two-phase commit (KIP-939), which this producer does not use. */
    private static final int MAX_VERSION = 5;

    private final long currentProducerId;
    private final short currentEpoch;

    /** @param currentProducerId the id to bump, or -1 for a first InitProducerId */
    InitProducerIdHandler(TransactionManager manager, TransactionalRequestResult result, long currentProducerId, short currentEpoch) {
        super(manager, result);
        this.currentProducerId = currentProducerId;
        this.currentEpoch = currentEpoch;
    }

    @Override
    String name() {
        return "InitProducerId";
    }

    @Override
    boolean errorsMayBeAbortable() {
        return false;
    }

    @Override
    ClientRequest request() {
        String transactionalId = manager.transactionalId();
        int timeoutMs = manager.transactionTimeoutMs();
        return ClientRequest.build(ApiMessageType.INIT_PRODUCER_ID, 0, MAX_VERSION, version -> {
            boolean bump = version >= FIRST_VERSION_WITH_EPOCH && currentProducerId != RecordBatch.NO_PRODUCER_ID;
            return new InitProducerIdRequest().setTransactionalId(transactionalId).setTransactionTimeoutMs(timeoutMs)
                .setProducerId(bump ? currentProducerId : RecordBatch.NO_PRODUCER_ID)
                .setProducerEpoch(bump ? currentEpoch : RecordBatch.NO_PRODUCER_EPOCH);
        });
    }

    @Override
    void onResponse(ApiMessage message) {
        InitProducerIdResponse response = (InitProducerIdResponse) message;
        ErrorCode code = ErrorCode.forCode(response.errorCode());
        if (code == ErrorCode.NONE) {
            manager.onProducerIdAndEpoch(this, response.producerId(), response.producerEpoch());
        } else {
            onError(code, null);
        }
    }
}
