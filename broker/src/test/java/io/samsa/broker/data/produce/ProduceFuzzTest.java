package io.samsa.broker.data.produce;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.data.ConsumerView;
import io.samsa.broker.data.FuzzLogs;
import io.samsa.broker.data.fetch.FetchReader;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.message.ProduceRequest.PartitionProduceData;
import io.samsa.protocol.message.ProduceRequest.TopicProduceData;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.samsa.protocol.record.FuzzedBatches;
import io.samsa.protocol.record.FuzzedBatches.BatchSpec;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.ProducerStateManager;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the broker's produce path: {@link ProduceHandler} with its validator
 * and producer state, over real {@link PartitionLog}s in a temp dir ({@link FuzzLogs}), fed a
 * sequence of up to six Produce requests whose batches come from a structured generator
 * ({@link FuzzedBatches}: codecs, producer id/epoch/sequence, transactional and control bits,
 * timestamps including the extremes, record counts, null and present keys) and are then possibly
 * damaged with the CRC recomputed. Requests vary acks, version (3-11), transactional id, topic
 * (CreateTime with before/after bounds, compacted, LogAppendTime, unknown) and the clock.
 *
 * <p>Invariants (an {@link AssertionError} each):
 * <ol>
 *   <li>every request gets one answer per partition, and the handler never throws;</li>
 *   <li>no state change when the answer is an error: the log end offset, the log size and the
 *       partition's producer state are as before;</li>
 *   <li>an answer of NONE that appended did so at the old log end offset, and the appended batch
 *       is readable by kafka-clients' batch reader (the consumer's parser) with every record;</li>
 *   <li>accepted CreateTime timestamps lie within [now - message.timestamp.before.max.ms,
 *       now + message.timestamp.after.max.ms] (records without a timestamp, -1, are exempt, as in
 *       Kafka);</li>
 *   <li>a compacted topic accepts no record without a key (Kafka: INVALID_RECORD);</li>
 *   <li>a read_committed view never contains a batch without a commit marker.</li>
 * </ol>
 * Regression inputs: {@code src/test/resources/io/samsa/broker/data/produce/ProduceFuzzTestInputs/}.
 */
@Tag("jazzer")
class ProduceFuzzTest {
    private static final String UNKNOWN_TOPIC = "unknown";
    private static final String[] TOPICS = {FuzzLogs.CREATE_TIME, FuzzLogs.COMPACTED, FuzzLogs.LOG_APPEND_TIME, UNKNOWN_TOPIC};
    private static final short[] ACKS = {-1, 1, 0};
    private static final int MAX_REQUESTS = 6;
    private static final long PRODUCER_ID_EXPIRATION_MS = 86_400_000L;

    @FuzzTest(maxDuration = "30s")
    void produceSequence(FuzzedDataProvider data) {
        try (FuzzLogs logs = new FuzzLogs()) {
            ProducerStateTable states = new ProducerStateTable(logs.time, PRODUCER_ID_EXPIRATION_MS);
            ProduceHandler handler = logs.produceHandler(states);
            int requests = data.consumeInt(1, MAX_REQUESTS);
            for (int i = 0; i < requests && data.remainingBytes() > 0; i++) {
                if (data.consumeInt(0, 3) == 0) {
                    logs.time.advance(data.consumeLong(0, 2 * FuzzLogs.BEFORE_MAX_MS));
                }
                produceOnce(data, logs, states, handler, i);
            }
            FetchReader reader = logs.reader(Integer.MAX_VALUE);
            for (String topic : FuzzLogs.TOPICS) {
                ConsumerView.assertOnlyCommitted(ConsumerView.readCommitted(reader, topic, 0), topic);
            }
        }
    }

    private static void produceOnce(FuzzedDataProvider data, FuzzLogs logs, ProducerStateTable states,
                                    ProduceHandler handler, int correlationId) {
        String topic = TOPICS[data.consumeInt(0, TOPICS.length - 1)];
        short acks = data.consumeInt(0, 15) == 0 ? data.consumeShort() : ACKS[data.consumeInt(0, ACKS.length - 1)];
        short version = (short) data.consumeInt(3, 11);
        String transactionalId = data.consumeInt(0, 7) == 0 ? "fuzz-txn" : null;
        long nowMs = logs.time.milliseconds();
        BatchSpec spec = FuzzedBatches.spec(data, nowMs);
        ByteBuffer batch = FuzzedBatches.mutate(data, spec.build());

        PartitionLog log = UNKNOWN_TOPIC.equals(topic) ? null : logs.log(topic);
        LogState before = log == null ? null : LogState.of(log, states);
        ProduceRequest request = new ProduceRequest().setAcks(acks).setTimeoutMs(30_000).setTransactionalId(transactionalId)
                .setTopicData(List.of(new TopicProduceData().setName(topic).setPartitionData(List.of(
                        new PartitionProduceData().setIndex(0).setRecords(new MemoryRecords(batch))))));
        RequestContext context = new RequestContext(new RequestHeader(ApiKey.PRODUCE.id(), version, correlationId, "fuzz"),
                null, "PLAINTEXT", 0L);
        ErrorCode error = answer(handler.handle(context, request), acks);
        String what = "produce v" + version + " acks=" + acks + " txn=" + transactionalId + " to " + topic + " of " + spec;
        if (log == null) {
            check(error != ErrorCode.NONE, "an unknown topic took a batch: " + what);
            return;
        }
        LogState after = LogState.of(log, states);
        if (error != ErrorCode.NONE) {
            check(after.equals(before), "state changed on " + error + ": " + before + " -> " + after + " for " + what);
            return;
        }
        if (after.logEndOffset() == before.logEndOffset()) {
            return; // a duplicate of an idempotent batch, answered with its old offsets
        }
        List<ConsumerView.Batch> appended = ConsumerView.readCommitted(logs.reader(Integer.MAX_VALUE),
                topic, before.logEndOffset());
        check(appended.size() == 1 && appended.get(0).baseOffset() == before.logEndOffset()
                && appended.get(0).lastOffset() == after.logEndOffset() - 1, "appended " + appended + " for " + what);
        ConsumerView.Batch read = appended.get(0);
        if (FuzzLogs.CREATE_TIME.equals(topic) || FuzzLogs.COMPACTED.equals(topic)) {
            for (long timestamp : read.timestamps()) {
                check(timestamp == RecordBatch.NO_TIMESTAMP || (timestamp >= nowMs - FuzzLogs.BEFORE_MAX_MS
                        && timestamp <= nowMs + FuzzLogs.AFTER_MAX_MS), "CreateTime " + timestamp + " accepted at "
                        + nowMs + " for " + what);
            }
        }
        if (FuzzLogs.COMPACTED.equals(topic)) {
            check(!read.keyed().contains(false), "a compacted topic took a record without a key: " + what);
        }
    }

    /** @return the one partition's error; for acks=0, NONE or the error the closed connection stands for */
    private static ErrorCode answer(CompletableFuture<ProduceResponse> future, short acks) {
        ProduceResponse response;
        try {
            response = future.join();
        } catch (CompletionException e) {
            check(acks == 0, "produce with acks=" + acks + " failed: " + e.getCause());
            return ErrorCode.UNKNOWN_SERVER_ERROR;
        }
        if (acks == 0) {
            check(response == null, "acks=0 answered " + response);
            return ErrorCode.NONE;
        }
        check(response.responses().size() == 1 && response.responses().get(0).partitionResponses().size() == 1,
                "one answer per partition: " + response);
        PartitionProduceResponse partition = response.responses().get(0).partitionResponses().get(0);
        return ErrorCode.forCode(partition.errorCode());
    }

    /** What must not change when a produce is refused. */
    private record LogState(long logEndOffset, long sizeInBytes, List<ProducerStateManager.ActiveProducer> producers) {
        static LogState of(PartitionLog log, ProducerStateTable states) {
            return new LogState(log.logEndOffset(), log.sizeInBytes(), states.of(log).activeProducers());
        }
    }

    private static void check(boolean condition, String violation) {
        if (!condition) {
            throw new AssertionError(violation);
        }
    }
}
