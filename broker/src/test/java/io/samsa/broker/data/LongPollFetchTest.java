package io.samsa.broker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetch over a raw connection: long-poll wake-up on append, the max-wait deadline, and the error answers. */
class LongPollFetchTest {
    private static final int FETCH_VERSION = 12;

    @TempDir
    Path dir;

    @Test
    void aParkedFetchReturnsSoonAfterAnAppendNotAtItsTenSecondDeadline() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "lp", 1, Map.of());
            try (RawClient consumer = new RawClient(broker.boundPort()); RawClient producer = new RawClient(broker.boundPort())) {
                FetchRequest fetch = RawRequests.fetch("lp", 0, 0, 10_000, 1);
                long startNs = System.nanoTime();
                consumer.send(fetch, FETCH_VERSION);
                ProduceResponse produced = producer.call(RawRequests.produce("lp", 0, (short) 1, RawRequests.batch(4)), 9);
                assertEquals(ErrorCode.NONE.code(), produced.responses().get(0).partitionResponses().get(0).errorCode());
                FetchResponse response = consumer.receive(fetch, FETCH_VERSION);
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                assertTrue(elapsedMs < 3_000, "long-poll answered " + elapsedMs + " ms after the fetch, max wait 10 s");
                FetchResponse.PartitionData data = response.responses().get(0).partitions().get(0);
                assertEquals(ErrorCode.NONE.code(), data.errorCode());
                assertEquals(4, data.highWatermark());
                ByteBuffer records = ((MemoryRecords) data.records()).buffer();
                RecordBatch batch = new RecordBatch(records, records.position());
                assertEquals(0, batch.baseOffset());
                assertEquals(4, batch.recordsCount());
                assertTrue(batch.isChecksumValid());
            }
        }
    }

    /**
     * One consumer fetching record after record, each fetch parked before its record is appended: the
     * next fetch parks while the previous one is being removed from the purgatory's index, which once
     * lost the new fetch (it sat out its whole max wait).
     */
    @Test
    void backToBackParkedFetchesAreEachWokenByTheirAppend() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "b2b", 1, Map.of());
            try (RawClient consumer = new RawClient(broker.boundPort()); RawClient producer = new RawClient(broker.boundPort())) {
                long slowestMs = 0;
                for (int offset = 0; offset < 1_500; offset++) {
                    FetchRequest fetch = RawRequests.fetch("b2b", 0, offset, 20_000, 1);
                    long startNs = System.nanoTime();
                    consumer.send(fetch, FETCH_VERSION);
                    producer.call(RawRequests.produce("b2b", 0, (short) 1, RawRequests.batch(1)), 9);
                    FetchResponse response = consumer.receive(fetch, FETCH_VERSION);
                    slowestMs = Math.max(slowestMs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
                    assertEquals(offset + 1, response.responses().get(0).partitions().get(0).highWatermark());
                }
                assertTrue(slowestMs < 5_000, "a parked fetch waited " + slowestMs + " ms for an append that had happened");
            }
        }
    }

    @Test
    void anEmptyPartitionAnswersAtMaxWaitAndErrorsAnswerAtOnce() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "quiet", 1, Map.of());
            try (RawClient client = new RawClient(broker.boundPort())) {
                long startNs = System.nanoTime();
                FetchResponse empty = client.call(RawRequests.fetch("quiet", 0, 0, 300, 1), FETCH_VERSION);
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                assertTrue(elapsedMs >= 250, "answered after " + elapsedMs + " ms, max wait 300 ms");
                assertEquals(0, empty.responses().get(0).partitions().get(0).records().sizeInBytes());
                assertEquals(0, empty.sessionId());

                FetchResponse outOfRange = client.call(RawRequests.fetch("quiet", 0, 5, 10_000, 1), FETCH_VERSION);
                assertEquals(ErrorCode.OFFSET_OUT_OF_RANGE.code(), outOfRange.responses().get(0).partitions().get(0).errorCode());
                FetchResponse unknown = client.call(RawRequests.fetch("missing", 0, 0, 10_000, 1), FETCH_VERSION);
                assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), unknown.responses().get(0).partitions().get(0).errorCode());
                client.call(RawRequests.produce("quiet", 0, (short) 1,
                        RawRequests.batch(io.samsa.protocol.record.CompressionType.ZSTD, 2, 10, -1, (short) -1, -1)), 9);
                FetchResponse zstdAtV9 = client.call(RawRequests.fetch("quiet", 0, 0, 0, 1), 9);
                assertEquals(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE.code(), zstdAtV9.responses().get(0).partitions().get(0).errorCode());
                FetchResponse zstdAtV10 = client.call(RawRequests.fetch("quiet", 0, 0, 0, 1), 10);
                assertEquals(ErrorCode.NONE.code(), zstdAtV10.responses().get(0).partitions().get(0).errorCode());
                assertTrue(zstdAtV10.responses().get(0).partitions().get(0).records().sizeInBytes() > 0);
                FetchResponse badSession = client.call(RawRequests.fetch("quiet", 0, 0, 0, 1).setSessionId(42).setSessionEpoch(3),
                        FETCH_VERSION);
                assertEquals(ErrorCode.FETCH_SESSION_ID_NOT_FOUND.code(), badSession.errorCode());
            }
        }
    }

    @Test
    void onlyTheFirstPartitionWithDataMayExceedTheLimits() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "big", 2, Map.of());
            try (RawClient client = new RawClient(broker.boundPort())) {
                ByteBuffer large = RawRequests.batch(io.samsa.protocol.record.CompressionType.NONE, 2, 3000, -1, (short) -1, -1);
                int batchBytes = large.remaining();
                client.call(RawRequests.produce("big", 0, (short) 1, large), 9);
                client.call(RawRequests.produce("big", 1, (short) 1, large), 9);
                FetchRequest both = RawRequests.fetch("big", 0, 0, 0, 1).setMaxBytes(1000);
                both.topics().get(0).partitions().get(0).setPartitionMaxBytes(1000);
                both.topics().get(0).partitions().add(new FetchRequest.FetchPartition().setPartition(1).setFetchOffset(0)
                        .setPartitionMaxBytes(1000));
                FetchResponse response = client.call(both, FETCH_VERSION);
                assertEquals(batchBytes, response.responses().get(0).partitions().get(0).records().sizeInBytes(),
                        "the first partition gets its whole first batch (KIP-74)");
                assertEquals(0, response.responses().get(0).partitions().get(1).records().sizeInBytes(),
                        "the second gets nothing over the limits");
            }
        }
    }
}
