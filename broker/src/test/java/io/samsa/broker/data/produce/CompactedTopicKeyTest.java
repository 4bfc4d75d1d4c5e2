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
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.storage.PartitionLog;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Found by {@link ProduceFuzzTest}: a compacted topic took records without a key. Kafka refuses
 * them with INVALID_RECORD ("Compacted topic cannot accept message without key"), compressed or
 * not, and appends nothing; a topic with cleanup.policy=delete takes them.
 */
class CompactedTopicKeyTest {

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void compactedTopicRefusesARecordWithoutKey(CompressionType codec) {
        try (FuzzLogs logs = new FuzzLogs()) {
            ProduceHandler handler = logs.produceHandler(new ProducerStateTable(logs.time, 60_000));
            PartitionLog compacted = logs.log(FuzzLogs.COMPACTED);
            ByteBuffer oneWithoutKey = RecordBatchBuilder.create(codec).append(FuzzLogs.START_MS, "k".getBytes(), "v".getBytes())
                    .append(FuzzLogs.START_MS, null, "v".getBytes()).build();

            PartitionProduceResponse refused = produce(handler, FuzzLogs.COMPACTED, oneWithoutKey.duplicate());
            assertEquals(ErrorCode.INVALID_RECORD.code(), refused.errorCode(), refused.errorMessage());
            assertEquals(0, compacted.logEndOffset());

            assertEquals(ErrorCode.NONE.code(), produce(handler, FuzzLogs.CREATE_TIME, oneWithoutKey.duplicate()).errorCode());
            ByteBuffer keyed = RecordBatchBuilder.create(codec).append(FuzzLogs.START_MS, "k".getBytes(), null).build();
            assertEquals(ErrorCode.NONE.code(), produce(handler, FuzzLogs.COMPACTED, keyed).errorCode());
            assertEquals(1, compacted.logEndOffset());
        }
    }

    private static PartitionProduceResponse produce(ProduceHandler handler, String topic, ByteBuffer batch) {
        ProduceRequest request = new ProduceRequest().setAcks((short) -1).setTimeoutMs(30_000)
                .setTopicData(List.of(new TopicProduceData().setName(topic).setPartitionData(List.of(
                        new PartitionProduceData().setIndex(0).setRecords(new MemoryRecords(batch))))));
        RequestContext context = new RequestContext(new RequestHeader(ApiKey.PRODUCE.id(), (short) 11, 1, "test"),
                null, "PLAINTEXT", 0L);
        return handler.handle(context, request).join().responses().get(0).partitionResponses().get(0);
    }
}
