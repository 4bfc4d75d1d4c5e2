package io.samsa.broker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental fetch sessions (KIP-227) over a raw connection. */
class FetchSessionTest {
    private static final int VERSION = 12;

    @TempDir
    Path dir;

    @Test
    void incrementalFetchesCarryOnlyPartitionsWithNews() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "s", 2, Map.of());
            try (RawClient client = new RawClient(broker.boundPort())) {
                FetchRequest full = RawRequests.fetch("s", 0, 0, 0, 1).setSessionEpoch(0);
                full.topics().get(0).partitions().add(new FetchRequest.FetchPartition().setPartition(1).setFetchOffset(0)
                        .setPartitionMaxBytes(1 << 20));
                FetchResponse opened = client.call(full, VERSION);
                int session = opened.sessionId();
                assertNotEquals(0, session, "a full fetch with epoch 0 opens a session");
                assertEquals(2, opened.responses().get(0).partitions().size());

                assertEquals(List.of(), client.<FetchResponse>call(incremental(session, 1), VERSION).responses(),
                        "nothing changed: no partitions");

                client.call(RawRequests.produce("s", 1, (short) 1, RawRequests.batch(3)), 9);
                FetchResponse news = client.call(incremental(session, 2), VERSION);
                assertEquals(1, news.responses().size());
                FetchResponse.PartitionData data = news.responses().get(0).partitions().get(0);
                assertEquals(1, data.partitionIndex());
                assertEquals(3, data.highWatermark());
                assertTrue(data.records().sizeInBytes() > 0);

                FetchResponse replayed = client.call(incremental(session, 2), VERSION);
                assertEquals(ErrorCode.INVALID_FETCH_SESSION_EPOCH.code(), replayed.errorCode());

                // move partition 1 past its data, forget partition 0; then a write to 0 is not reported
                FetchRequest moved = incremental(session, 3);
                moved.setTopics(new ArrayList<>(List.of(new FetchRequest.FetchTopic().setTopic("s").setPartitions(new ArrayList<>(
                        List.of(new FetchRequest.FetchPartition().setPartition(1).setFetchOffset(3).setPartitionMaxBytes(1 << 20)))))));
                moved.setForgottenTopicsData(new ArrayList<>(List.of(new FetchRequest.ForgottenTopic().setTopic("s")
                        .setPartitions(new ArrayList<>(List.of(0))))));
                assertEquals(List.of(), client.<FetchResponse>call(moved, VERSION).responses());
                client.call(RawRequests.produce("s", 0, (short) 1, RawRequests.batch(2)), 9);
                assertEquals(List.of(), client.<FetchResponse>call(incremental(session, 4), VERSION).responses());

                // an incremental long-poll wakes on an append to a session partition
                try (RawClient producer = new RawClient(broker.boundPort())) {
                    FetchRequest poll = incremental(session, 5).setMaxWaitMs(10_000);
                    long startNs = System.nanoTime();
                    client.send(poll, VERSION);
                    producer.call(RawRequests.produce("s", 1, (short) 1, RawRequests.batch(1)), 9);
                    FetchResponse woken = client.receive(poll, VERSION);
                    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs) < 3_000);
                    assertEquals(4, woken.responses().get(0).partitions().get(0).highWatermark());
                }

                FetchRequest close = incremental(session, 6).setSessionEpoch(-1);
                assertEquals(0, client.<FetchResponse>call(close, VERSION).sessionId(), "epoch -1 closes the session");
                assertEquals(ErrorCode.FETCH_SESSION_ID_NOT_FOUND.code(),
                        client.<FetchResponse>call(incremental(session, 6), VERSION).errorCode());
            }
        }
    }

    private static FetchRequest incremental(int session, int epoch) {
        return new FetchRequest().setReplicaId(-1).setMaxWaitMs(0).setMinBytes(1).setMaxBytes(1 << 20)
                .setSessionId(session).setSessionEpoch(epoch);
    }
}
