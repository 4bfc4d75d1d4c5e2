package io.samsa.broker.data.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.broker.api.RequestContext;
import io.samsa.broker.data.FuzzLogs;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.message.ProduceRequest.PartitionProduceData;
import io.samsa.protocol.message.ProduceRequest.TopicProduceData;
import io.samsa.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.EndTransactionMarker;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transactional produce through {@link ProduceHandler}: refused without a verifier that opens the
 * transaction (Kafka's TRANSACTIONAL_ID_AUTHORIZATION_FAILED), and with one, appended so that the
 * partition's last stable offset waits for the marker.
 */
class TransactionalProduceTest {
    private static final long PID = 42;

    @Test
    void withoutAnOpenTransactionTheRequestIsRefusedWhole() {
        try (FuzzLogs logs = new FuzzLogs()) {
            ProduceHandler handler = logs.produceHandler(new ProducerStateTable(logs.time, 60_000));
            PartitionProduceResponse refused = produce(handler, "txn-1", txn(0, 1));
            assertEquals(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code(), refused.errorCode());
            assertEquals(0, logs.log(FuzzLogs.CREATE_TIME).logEndOffset());
        }
    }

    @Test
    void anOpenTransactionIsAppendedAndHoldsTheLastStableOffsetUntilItsMarker() {
        try (FuzzLogs logs = new FuzzLogs()) {
            TransactionVerifier onlyOurs = (id, producerId, epoch, partition) -> id.equals("txn-1") && producerId == PID
                    && partition.equals(new TopicPartition(FuzzLogs.CREATE_TIME, 0));
            ProduceHandler handler = logs.produceHandler(new ProducerStateTable(logs.time, 60_000), onlyOurs);
            PartitionLog log = logs.log(FuzzLogs.CREATE_TIME);

            assertEquals(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code(), produce(handler, "other", txn(0, 1)).errorCode());
            assertEquals(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code(), produce(handler, null, txn(0, 1)).errorCode());
            assertEquals(ErrorCode.NONE.code(), produce(handler, "txn-1", txn(0, 2)).errorCode());
            assertEquals(0, produce(handler, "txn-1", txn(0, 2)).baseOffset(), "a retry is answered with its first offsets");
            assertEquals(0, log.lastStableOffset(log.logEndOffset()));

            PartitionProduceResponse outside = produce(handler, null, idempotent(2));
            assertEquals(ErrorCode.INVALID_TXN_STATE.code(), outside.errorCode(), outside.errorMessage());

            log.appendAsLeader(new MemoryRecords(RecordBatchBuilder.endTransactionMarker(0, FuzzLogs.START_MS, 0, PID, (short) 0,
                    new EndTransactionMarker(ControlRecordType.COMMIT, 0))), 0);
            assertEquals(3, log.lastStableOffset(log.logEndOffset()));
            assertEquals(ErrorCode.NONE.code(), produce(handler, null, idempotent(2)).errorCode(), "after the commit");
        }
    }

    private static ByteBuffer txn(int baseSequence, int records) {
        return build(RecordBatchBuilder.create(CompressionType.NONE).producer(PID, (short) 0, baseSequence).transactional(true),
                records);
    }

    private static ByteBuffer idempotent(int baseSequence) {
        return build(RecordBatchBuilder.create(CompressionType.NONE).producer(PID, (short) 0, baseSequence), 1);
    }

    private static ByteBuffer build(RecordBatchBuilder builder, int records) {
        for (int i = 0; i < records; i++) {
            builder.append(FuzzLogs.START_MS, null, new byte[] {(byte) i});
        }
        return builder.build();
    }

    private static PartitionProduceResponse produce(ProduceHandler handler, String transactionalId, ByteBuffer batch) {
        ProduceRequest request = new ProduceRequest().setAcks((short) -1).setTimeoutMs(30_000).setTransactionalId(transactionalId)
                .setTopicData(List.of(new TopicProduceData().setName(FuzzLogs.CREATE_TIME).setPartitionData(List.of(
                        new PartitionProduceData().setIndex(0).setRecords(new MemoryRecords(batch))))));
        RequestContext context = new RequestContext(new RequestHeader(ApiKey.PRODUCE.id(), (short) 11, 1, "test"),
                null, "PLAINTEXT", 0L);
        return handler.handle(context, request).join().responses().get(0).partitionResponses().get(0);
    }
}
