package io.samsa.client.producer.internals;

import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.EndTxnRequest;
import io.samsa.protocol.message.EndTxnResponse;
import io.samsa.protocol.types.ApiMessage;

/**
 * EndTxn, commit or abort, sent only once every batch of the transaction has been answered and no
 * partition is waiting to be added (the manager holds it back and flushes the accumulator). Capped
 * at v4: v5 is transaction version 2 (an epoch bump on every transaction, KIP-890).
 *
 * <p>Not thread-safe: used under the manager's lock.
 */
final class EndTxnHandler extends TxnRequestHandler {
    private static final int MAX_VERSION_BEFORE_TV2 = 4;

    private final boolean commit;

    EndTxnHandler(TransactionManager manager, TransactionalRequestResult result, boolean commit) {
        super(manager, result);
        this.commit = commit;
    }

    boolean commit() {
        return commit;
    }

    @Override
    String name() {
        return "EndTxn(" + commit + ")";
    }

    @Override
    boolean isEndTxn() {
        return true;
    }

    @Override
    boolean allowedInAbortableError() {
        return !commit;
    }

    @Override
    ClientRequest request() {
        EndTxnRequest body = new EndTxnRequest().setTransactionalId(manager.transactionalId())
            .setProducerId(manager.producerId()).setProducerEpoch(manager.producerEpoch()).setCommitted(commit);
        return ClientRequest.build(ApiMessageType.END_TXN, 0, MAX_VERSION_BEFORE_TV2, version -> body);
    }

    @Override
    void onResponse(ApiMessage message) {
        ErrorCode code = ErrorCode.forCode(((EndTxnResponse) message).errorCode());
        if (code == ErrorCode.NONE) {
            manager.onTransactionEnded(this);
        } else {
            onError(code, null);
        }
    }
}
