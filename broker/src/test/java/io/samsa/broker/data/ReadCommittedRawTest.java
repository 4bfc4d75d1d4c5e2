package io.samsa.broker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.broker.storage.StorageComponent;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.ListOffsetsRequest;
import io.samsa.protocol.message.ListOffsetsResponse;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.EndTransactionMarker;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * read_committed and read_uncommitted Fetch and ListOffsets over a raw connection to the real broker,
 * with transactional batches and COMMIT/ABORT markers appended through the partition's leader append
 * path (where the transaction coordinator's WriteTxnMarkers puts them).
 */
class ReadCommittedRawTest {
    private static final String TOPIC = "rc";
    private static final byte READ_COMMITTED = 1;
    private static final byte READ_UNCOMMITTED = 0;

    @TempDir
    Path dir;

    @Test
    void readCommittedStopsAtTheLastStableOffsetAndListsAbortedTransactions() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, TOPIC, 1, Map.of());
            PartitionLog log = broker.component(StorageComponent.class).orElseThrow().logs()
                    .getLog(new TopicPartition(TOPIC, 0)).orElseThrow();
            try (RawClient client = new RawClient(broker.boundPort())) {
                produce(client);                                               // 0-1 plain
                log.appendAsLeader(txn(100, 2), 0);                            // 2-3 producer 100
                log.appendAsLeader(txn(200, 1), 0);                            // 4   producer 200, stays open
                log.appendAsLeader(marker(100, ControlRecordType.ABORT), 0);   // 5

                for (int version : new int[] {4, 12}) {
                    FetchResponse.PartitionData all = fetch(client, 0, READ_UNCOMMITTED, version);
                    assertEquals(List.of(0L, 2L, 4L, 5L), baseOffsets(all), "v" + version);
                    assertEquals(6, all.highWatermark());
                    assertEquals(4, all.lastStableOffset());
                    assertNull(all.abortedTransactions(), "read_uncommitted gets no aborted list");

                    FetchResponse.PartitionData committed = fetch(client, 0, READ_COMMITTED, version);
                    assertEquals(List.of(0L, 2L), baseOffsets(committed), "v" + version + ": only below the LSO");
                    assertEquals(4, committed.lastStableOffset());
                    assertEquals(1, committed.abortedTransactions().size());
                    assertEquals(100, committed.abortedTransactions().get(0).producerId());
                    assertEquals(2, committed.abortedTransactions().get(0).firstOffset());

                    FetchResponse.PartitionData atStable = fetch(client, 4, READ_COMMITTED, version);
                    assertEquals(List.of(), baseOffsets(atStable), "nothing is stable at the LSO yet");
                    assertEquals(ErrorCode.NONE.code(), atStable.errorCode());
                }
                for (int version : new int[] {2, 7}) {
                    assertEquals(4, latest(client, READ_COMMITTED, version), "ListOffsets v" + version + " read_committed");
                    assertEquals(6, latest(client, READ_UNCOMMITTED, version), "ListOffsets v" + version + " read_uncommitted");
                }
            }
        }
    }

    @Test
    void aParkedReadCommittedFetchIsWokenByTheMarkerThatMovesTheLastStableOffset() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, TOPIC, 1, Map.of());
            PartitionLog log = broker.component(StorageComponent.class).orElseThrow().logs()
                    .getLog(new TopicPartition(TOPIC, 0)).orElseThrow();
            log.appendAsLeader(txn(300, 2), 0); // 0-1, open
            try (RawClient client = new RawClient(broker.boundPort()); RawClient waiter = new RawClient(broker.boundPort())) {
                CompletableFuture<FetchResponse.PartitionData> parked = CompletableFuture.supplyAsync(() -> {
                    try {
                        FetchResponse response = waiter.call(fetchRequest(0, READ_COMMITTED, 30_000), 12);
                        return response.responses().get(0).partitions().get(0);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, background);
                produce(client); // 2-3: appended, but the LSO stays at 0
                assertFalse(parked.isDone(), "an append that does not move the LSO does not answer it");
                log.appendAsLeader(marker(300, ControlRecordType.COMMIT), 0); // 4

                FetchResponse.PartitionData woken = parked.get(15, TimeUnit.SECONDS); // well before max_wait_ms
                assertEquals(List.of(0L, 2L, 4L), baseOffsets(woken));
                assertEquals(5, woken.lastStableOffset());
                assertTrue(woken.abortedTransactions().isEmpty());
            }
        } finally {
            background.shutdownNow();
        }
    }

    private static void produce(RawClient client) throws Exception {
        ProduceResponse response = client.call(RawRequests.produce(TOPIC, 0, (short) 1, RawRequests.batch(2)), 9);
        assertEquals(ErrorCode.NONE.code(), response.responses().get(0).partitionResponses().get(0).errorCode());
    }

    private static MemoryRecords txn(long producerId, int records) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE).producer(producerId, (short) 0, 0)
                .transactional(true);
        for (int i = 0; i < records; i++) {
            builder.append(System.currentTimeMillis(), null, new byte[] {(byte) i});
        }
        return new MemoryRecords(builder.build());
    }

    private static MemoryRecords marker(long producerId, ControlRecordType type) {
        return new MemoryRecords(RecordBatchBuilder.endTransactionMarker(0, System.currentTimeMillis(), 0, producerId, (short) 0,
                new EndTransactionMarker(type, 0)));
    }

    private static FetchRequest fetchRequest(long offset, byte isolation, int maxWaitMs) {
        return RawRequests.fetch(TOPIC, 0, offset, maxWaitMs, 1).setIsolationLevel(isolation);
    }

    private static FetchResponse.PartitionData fetch(RawClient client, long offset, byte isolation, int version) throws Exception {
        FetchResponse response = client.call(fetchRequest(offset, isolation, 0), version);
        return response.responses().get(0).partitions().get(0);
    }

    private static long latest(RawClient client, byte isolation, int version) throws Exception {
        ListOffsetsRequest request = RawRequests.listOffsets(TOPIC, 0, -1).setIsolationLevel(isolation);
        ListOffsetsResponse response = client.call(request, version);
        return response.topics().get(0).partitions().get(0).offset();
    }

    private static List<Long> baseOffsets(FetchResponse.PartitionData data) {
        List<Long> out = new ArrayList<>();
        for (RecordBatch batch : (MemoryRecords) data.records()) {
            out.add(batch.baseOffset());
        }
        return out;
    }
}
