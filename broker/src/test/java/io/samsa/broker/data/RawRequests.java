package io.samsa.broker.data;

import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.ListOffsetsRequest;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builders of the raw requests the data-plane tests send. */
public final class RawRequests {
    /** Recent, so idempotent producer state is not older than producer.id.expiration.ms when a test restarts the broker. */
    static final long TIMESTAMP_MS = System.currentTimeMillis() - 60_000;

    private RawRequests() {
    }

    /** A batch of {@code count} records with values of {@code valueBytes} bytes. */
    public static ByteBuffer batch(CompressionType codec, int count, int valueBytes, long producerId, short epoch, int baseSequence) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(codec);
        if (producerId >= 0) {
            builder.producer(producerId, epoch, baseSequence);
        }
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[valueBytes];
            java.util.Arrays.fill(value, (byte) ('a' + i % 26));
            builder.append(TIMESTAMP_MS + i, ("k" + i).getBytes(StandardCharsets.UTF_8), value);
        }
        return builder.build();
    }

    static ByteBuffer batch(int count) {
        return batch(CompressionType.NONE, count, 10, -1, (short) -1, -1);
    }

    public static ProduceRequest produce(String topic, int partition, short acks, ByteBuffer records) {
        return new ProduceRequest().setAcks(acks).setTimeoutMs(10_000).setTopicData(new ArrayList<>(List.of(
                new ProduceRequest.TopicProduceData().setName(topic).setPartitionData(new ArrayList<>(List.of(
                        new ProduceRequest.PartitionProduceData().setIndex(partition)
                                .setRecords(new MemoryRecords(records.duplicate()))))))));
    }

    static FetchRequest fetch(String topic, int partition, long offset, int maxWaitMs, int minBytes) {
        return new FetchRequest().setReplicaId(-1).setMaxWaitMs(maxWaitMs).setMinBytes(minBytes).setMaxBytes(1 << 20)
                .setSessionId(0).setSessionEpoch(-1).setTopics(new ArrayList<>(List.of(new FetchRequest.FetchTopic()
                        .setTopic(topic).setPartitions(new ArrayList<>(List.of(new FetchRequest.FetchPartition()
                                .setPartition(partition).setFetchOffset(offset).setPartitionMaxBytes(1 << 20)))))));
    }

    static ListOffsetsRequest listOffsets(String topic, int partition, long timestamp) {
        return new ListOffsetsRequest().setReplicaId(-1).setTopics(new ArrayList<>(List.of(new ListOffsetsRequest.ListOffsetsTopic()
                .setName(topic).setPartitions(new ArrayList<>(List.of(new ListOffsetsRequest.ListOffsetsPartition()
                        .setPartitionIndex(partition).setTimestamp(timestamp)))))));
    }
}
