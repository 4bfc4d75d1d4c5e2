package io.samsa.broker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.broker.Broker;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DeleteRecordsRequest;
import io.samsa.protocol.message.DeleteRecordsResponse;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.ListOffsetsResponse;
import io.samsa.protocol.message.OffsetForLeaderEpochRequest;
import io.samsa.protocol.message.OffsetForLeaderEpochResponse;
import io.samsa.protocol.message.ProduceResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OffsetForLeaderEpoch, ListOffsets at the version kafka-python pins, and DeleteRecords' bounds, over a raw connection. */
class OffsetApisRawTest {
    @TempDir
    Path dir;

    @Test
    void singleNodeEpochsListOffsetsV1AndDeleteRecordsBounds() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "o", 1, Map.of());
            try (RawClient client = new RawClient(broker.boundPort())) {
                client.call(RawRequests.produce("o", 0, (short) 1, RawRequests.batch(3)), 9);

                assertEquals(List.of(0, 3L, (short) 0), epoch(client, "o", -1, 0));
                assertEquals(List.of(0, 3L, (short) 0), epoch(client, "o", 0, 5));
                assertEquals(List.of(-1, -1L, ErrorCode.UNKNOWN_LEADER_EPOCH.code()), epoch(client, "o", 1, 0));
                assertEquals(List.of(-1, -1L, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code()), epoch(client, "x", -1, 0));

                ListOffsetsResponse v1 = client.call(RawRequests.listOffsets("o", 0, -1), 1);
                assertEquals(3, v1.topics().get(0).partitions().get(0).offset());
                ListOffsetsResponse earliest = client.call(RawRequests.listOffsets("o", 0, -2), 1);
                assertEquals(0, earliest.topics().get(0).partitions().get(0).offset());

                assertEquals(ErrorCode.OFFSET_OUT_OF_RANGE.code(), deleteRecords(client, 4).errorCode());
                DeleteRecordsResponse.DeleteRecordsPartitionResult all = deleteRecords(client, -1);
                assertEquals(ErrorCode.NONE.code(), all.errorCode());
                assertEquals(3, all.lowWatermark(), "-1 deletes up to the high watermark");
            }
        }
    }

    @Test
    void theOldestAcceptedAndPinnedProduceAndFetchVersionsWork() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "o", 1, Map.of());
            try (RawClient client = new RawClient(broker.boundPort())) {
                long expectedOffset = 0;
                for (int version : new int[] {3, 7, 11}) {
                    ProduceResponse produced = client.call(RawRequests.produce("o", 0, (short) 1, RawRequests.batch(2)), version);
                    assertEquals(expectedOffset, produced.responses().get(0).partitionResponses().get(0).baseOffset(), "v" + version);
                    expectedOffset += 2;
                }
                for (int version : new int[] {4, 11, 12}) {
                    FetchResponse fetched = client.call(RawRequests.fetch("o", 0, 0, 0, 1), version);
                    FetchResponse.PartitionData data = fetched.responses().get(0).partitions().get(0);
                    assertEquals(6, data.highWatermark(), "v" + version);
                    assertEquals(3, MemoryRecordsCount.batches(data), "v" + version);
                }
            }
        }
    }

    private static List<Object> epoch(RawClient client, String topic, int currentLeaderEpoch, int leaderEpoch) throws Exception {
        OffsetForLeaderEpochResponse response = client.call(new OffsetForLeaderEpochRequest().setReplicaId(-1)
                .setTopics(new ArrayList<>(List.of(new OffsetForLeaderEpochRequest.OffsetForLeaderTopic().setTopic(topic)
                        .setPartitions(new ArrayList<>(List.of(new OffsetForLeaderEpochRequest.OffsetForLeaderPartition()
                                .setPartition(0).setCurrentLeaderEpoch(currentLeaderEpoch).setLeaderEpoch(leaderEpoch))))))), 4);
        OffsetForLeaderEpochResponse.EpochEndOffset result = response.topics().get(0).partitions().get(0);
        return List.of(result.leaderEpoch(), result.endOffset(), result.errorCode());
    }

    private static DeleteRecordsResponse.DeleteRecordsPartitionResult deleteRecords(RawClient client, long offset) throws Exception {
        DeleteRecordsResponse response = client.call(new DeleteRecordsRequest().setTimeoutMs(5000).setTopics(new ArrayList<>(List.of(
                new DeleteRecordsRequest.DeleteRecordsTopic().setName("o").setPartitions(new ArrayList<>(List.of(
                        new DeleteRecordsRequest.DeleteRecordsPartition().setPartitionIndex(0).setOffset(offset))))))), 2);
        return response.topics().get(0).partitions().get(0);
    }

    /** Counts the batches of a decoded fetch partition. */
    private static final class MemoryRecordsCount {
        static int batches(FetchResponse.PartitionData data) {
            int count = 0;
            for (io.samsa.protocol.record.RecordBatch ignored : (io.samsa.protocol.record.MemoryRecords) data.records()) {
                count++;
            }
            return count;
        }
    }
}
