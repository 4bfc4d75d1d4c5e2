package io.samsa.client.producer.internals;

import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.AddOffsetsToTxnRequest;
import io.samsa.protocol.message.AddOffsetsToTxnResponse;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.types.ApiMessage;

/**
 * AddOffsetsToTxn: tells the transaction coordinator that the group's offsets partition takes part
 * in the transaction (so the markers reach it). On success the manager queues the
 * {@link TxnOffsetCommitHandler} that carries the offsets themselves, with the same result.
 *
 * <p>Not thread-safe: used under the manager's lock.
 */
final class AddOffsetsToTxnHandler extends TxnRequestHandler {
    private final TxnOffsetCommitHandler commit;

    AddOffsetsToTxnHandler(TransactionManager manager, TxnOffsetCommitHandler commit) {
        super(manager, commit.result);
        this.commit = commit;
    }

    @Override
    String name() {
        return "AddOffsetsToTxn";
    }

    @Override
    ClientRequest request() {
        AddOffsetsToTxnRequest body = new AddOffsetsToTxnRequest().setTransactionalId(manager.transactionalId())
            .setProducerId(manager.producerId()).setProducerEpoch(manager.producerEpoch()).setGroupId(commit.groupId());
        return ClientRequest.of(body);
    }

    @Override
    void onResponse(ApiMessage message) {
        ErrorCode code = ErrorCode.forCode(((AddOffsetsToTxnResponse) message).errorCode());
        if (code == ErrorCode.NONE) {
            manager.onOffsetsAdded(this, commit);
        } else {
            onError(code, null);
        }
    }
}
