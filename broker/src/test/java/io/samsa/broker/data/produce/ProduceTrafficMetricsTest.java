package io.samsa.broker.data.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codahale.metrics.MetricRegistry;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.data.FuzzLogs;
import io.samsa.broker.metrics.BrokerTopicMetrics;
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
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The produce handler feeds Kafka's BrokerTopicMetrics once per partition append, records from the batch header. */
class ProduceTrafficMetricsTest {
    private static final String ALL = "kafka.server:type=BrokerTopicMetrics,name=";

    @Test
    void aBatchOfNRecordsCountsNMessagesItsBytesAndOneRequest() {
        MetricRegistry registry = new MetricRegistry();
        try (FuzzLogs logs = new FuzzLogs()) {
            ProduceHandler handler = handler(logs, registry);
            RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.GZIP);
            for (int i = 0; i < 7; i++) {
                builder.append(FuzzLogs.START_MS, ("k" + i).getBytes(), "v".getBytes());
            }
            ByteBuffer batch = builder.build();
            int bytes = batch.remaining();

            assertEquals(ErrorCode.NONE.code(), produce(handler, FuzzLogs.CREATE_TIME, 0, batch).errorCode());

            String topic = ",topic=" + FuzzLogs.CREATE_TIME;
            assertEquals(7, registry.meter(ALL + "MessagesInPerSec").getCount());
            assertEquals(7, registry.meter(ALL + "MessagesInPerSec" + topic).getCount());
            assertEquals(bytes, registry.meter(ALL + "BytesInPerSec").getCount());
            assertEquals(bytes, registry.meter(ALL + "BytesInPerSec" + topic).getCount());
            assertEquals(1, registry.meter(ALL + "TotalProduceRequestsPerSec" + topic).getCount());
            assertEquals(0, registry.meter(ALL + "FailedProduceRequestsPerSec").getCount());
        }
    }

    @Test
    void aRefusedAppendCountsAFailedRequestAndNoMessages() {
        MetricRegistry registry = new MetricRegistry();
        try (FuzzLogs logs = new FuzzLogs()) {
            ProduceHandler handler = handler(logs, registry);
            ByteBuffer keyless = RecordBatchBuilder.create(CompressionType.NONE).append(FuzzLogs.START_MS, null, "v".getBytes()).build();

            PartitionProduceResponse refused = produce(handler, FuzzLogs.COMPACTED, 0, keyless);
            assertEquals(ErrorCode.INVALID_RECORD.code(), refused.errorCode());
            PartitionProduceResponse unknown = produce(handler, FuzzLogs.CREATE_TIME, 5, keyless.duplicate());
            assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), unknown.errorCode());

            assertEquals(1, registry.meter(ALL + "FailedProduceRequestsPerSec,topic=" + FuzzLogs.COMPACTED).getCount());
            assertEquals(1, registry.meter(ALL + "FailedProduceRequestsPerSec,topic=" + FuzzLogs.CREATE_TIME).getCount());
            assertEquals(2, registry.meter(ALL + "FailedProduceRequestsPerSec").getCount());
            assertEquals(2, registry.meter(ALL + "TotalProduceRequestsPerSec").getCount());
            assertEquals(0, registry.meter(ALL + "MessagesInPerSec").getCount());
            assertEquals(0, registry.meter(ALL + "BytesInPerSec").getCount());
        }
    }

    private static ProduceHandler handler(FuzzLogs logs, MetricRegistry registry) {
        return new ProduceHandler(logs.lookup, new ProducerStateTable(logs.time, 60_000), logs.time, logs.singleNodeReplicas(),
                new ProducePurgatory(), TransactionVerifier.NONE, new BrokerTopicMetrics(registry));
    }

    private static PartitionProduceResponse produce(ProduceHandler handler, String topic, int partition, ByteBuffer batch) {
        ProduceRequest request = new ProduceRequest().setAcks((short) 1).setTimeoutMs(30_000)
                .setTopicData(List.of(new TopicProduceData().setName(topic).setPartitionData(List.of(
                        new PartitionProduceData().setIndex(partition).setRecords(new MemoryRecords(batch))))));
        RequestContext context = new RequestContext(new RequestHeader(ApiKey.PRODUCE.id(), (short) 11, 1, "test"),
                null, "PLAINTEXT", 0L);
        return handler.handle(context, request).join().responses().get(0).partitionResponses().get(0);
    }
}
