package io.samsa.broker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.ListOffsetsRequest;
import io.samsa.protocol.message.ListOffsetsResponse;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.storage.PartitionLog;
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
            PartitionLog log = TxnRecords.log(broker, TOPIC);
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
            PartitionLog log = TxnRecords.log(broker, TOPIC);
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

    @Test
    void aReadCommittedFetchSessionReportsThePartitionWhenItsLastStableOffsetMoves() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, TOPIC, 1, Map.of());
            PartitionLog log = TxnRecords.log(broker, TOPIC);
            log.appendAsLeader(txn(400, 1), 0); // 0, open
            try (RawClient client = new RawClient(broker.boundPort())) {
                FetchResponse opened = client.call(fetchRequest(0, READ_COMMITTED, 0).setSessionEpoch(0), 12);
                int session = opened.sessionId();
                assertEquals(0, opened.responses().get(0).partitions().get(0).lastStableOffset());

                produce(client); // 1-2: the high watermark moves, the LSO does not
                FetchResponse hwOnly = client.call(incremental(session, 1), 12);
                FetchResponse.PartitionData moved = hwOnly.responses().get(0).partitions().get(0);
                assertEquals(3, moved.highWatermark());
                assertEquals(0, moved.lastStableOffset());
                assertEquals(List.of(), baseOffsets(moved), "nothing is stable yet");
                assertEquals(List.of(), client.<FetchResponse>call(incremental(session, 2), 12).responses(), "no news");

                log.appendAsLeader(marker(400, ControlRecordType.ABORT), 0); // 3
                FetchResponse decided = client.call(incremental(session, 3), 12);
                FetchResponse.PartitionData stable = decided.responses().get(0).partitions().get(0);
                assertEquals(4, stable.lastStableOffset());
                assertEquals(List.of(0L, 1L, 3L), baseOffsets(stable));
                assertEquals(400, stable.abortedTransactions().get(0).producerId());
            }
        }
    }

    private static FetchRequest incremental(int session, int epoch) {
        return new FetchRequest().setReplicaId(-1).setMaxWaitMs(0).setMinBytes(1).setMaxBytes(1 << 20)
                .setSessionId(session).setSessionEpoch(epoch).setIsolationLevel(READ_COMMITTED);
    }

    private static void produce(RawClient client) throws Exception {
        ProduceResponse response = client.call(RawRequests.produce(TOPIC, 0, (short) 1, RawRequests.batch(2)), 9);
        assertEquals(ErrorCode.NONE.code(), response.responses().get(0).partitionResponses().get(0).errorCode());
    }

    private static MemoryRecords txn(long producerId, int records) {
        String[] values = new String[records];
        java.util.Arrays.fill(values, "v");
        return TxnRecords.txn(producerId, (short) 0, System.currentTimeMillis(), values);
    }

    private static MemoryRecords marker(long producerId, ControlRecordType type) {
        return TxnRecords.marker(producerId, (short) 0, type, 0, System.currentTimeMillis());
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
