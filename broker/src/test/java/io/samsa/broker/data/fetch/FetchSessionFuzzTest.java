package io.samsa.broker.data.fetch;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.data.FuzzLogs;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchRequest.FetchPartition;
import io.samsa.protocol.message.FetchRequest.FetchTopic;
import io.samsa.protocol.message.FetchRequest.ForgottenTopic;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.FetchResponse.FetchableTopicResponse;
import io.samsa.protocol.message.FetchResponse.PartitionData;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of Fetch with incremental sessions (KIP-227): {@link FetchHandler} over
 * {@link FetchSessions} with 0-4 cache slots and real logs ({@link FuzzLogs}), fed up to twelve
 * steps, each an append to a log or a Fetch: session-less (epoch -1), full opening a session
 * (epoch 0), or incremental (an id the test was given, closed or never given, with the right, a
 * stale or an arbitrary epoch), with fuzzed partitions, fetch offsets, byte limits and forgotten
 * topics. A model of the sessions, their next epochs and their partitions is kept beside.
 *
 * <p>Invariants (an {@link AssertionError} each):
 * <ol>
 *   <li>every fetch is answered and the handler never throws;</li>
 *   <li>a session-less or full fetch answers every partition it named, once; a full fetch with
 *       slots opens a session (non-zero id), without slots it is answered session-less;</li>
 *   <li>an incremental fetch of a session never created, or closed, gets FETCH_SESSION_ID_NOT_FOUND
 *       (id 0 or a negative epoch: INVALID_FETCH_SESSION_EPOCH); of a live session with the wrong
 *       epoch, INVALID_FETCH_SESSION_EPOCH (or NOT_FOUND once evicted); an error answer carries no
 *       partitions and changes no session (the next right epoch still works);</li>
 *   <li>a successful incremental answer carries the session's id and only the session's
 *       partitions (as the request's additions and forgotten topics left them), each once, and
 *       every one of them with an error or with records to read within unlimited byte limits;</li>
 *   <li>the cache is bounded: no more live sessions than slots.</li>
 * </ol>
 * Regression inputs: {@code src/test/resources/io/samsa/broker/data/fetch/FetchSessionFuzzTestInputs/}.
 */
@Tag("jazzer")
class FetchSessionFuzzTest {
    private static final List<TopicPartition> PARTITIONS = List.of(new TopicPartition(FuzzLogs.CREATE_TIME, 0),
            new TopicPartition(FuzzLogs.COMPACTED, 0), new TopicPartition(FuzzLogs.LOG_APPEND_TIME, 0),
            new TopicPartition(FuzzLogs.CREATE_TIME, 1), new TopicPartition("unknown", 0));
    private static final int MAX_STEPS = 12;
    private static final int UNLIMITED = 64 << 20;
    private static final long EVICTION_DEADLINE_NS = 5_000_000_000L;

    /** The test's view of one live session. */
    private static final class ModelSession {
        int nextEpoch = 1;
        final Map<TopicPartition, Integer> maxBytes = new LinkedHashMap<>();
        final Map<TopicPartition, Long> fetchOffsets = new HashMap<>();
    }

    @FuzzTest(maxDuration = "30s")
    void fetchSessionSequence(FuzzedDataProvider data) {
        int slots = data.consumeInt(0, 4);
        try (FuzzLogs logs = new FuzzLogs()) {
            FetchReader reader = logs.reader(Integer.MAX_VALUE);
            FetchHandler handler = new FetchHandler(reader, new FetchPurgatory(reader, logs.time), new FetchSessions(slots));
            Map<Integer, ModelSession> model = new LinkedHashMap<>();
            Set<Integer> closed = new HashSet<>();
            int steps = data.consumeInt(1, MAX_STEPS);
            for (int step = 0; step < steps && data.remainingBytes() > 0; step++) {
                switch (data.consumeInt(0, 4)) {
                    case 0 -> append(data, logs);
                    case 1 -> fullFetch(data, logs, handler, model, closed, slots, step, -1);
                    case 2 -> fullFetch(data, logs, handler, model, closed, slots, step, 0);
                    default -> incrementalFetch(data, logs, handler, model, closed, step);
                }
            }
            assertBounded(handler, model, slots);
        }
    }

    private static void append(FuzzedDataProvider data, FuzzLogs logs) {
        String topic = FuzzLogs.TOPICS.get(data.consumeInt(0, FuzzLogs.TOPICS.size() - 1));
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE);
        int records = data.consumeInt(1, 3);
        for (int i = 0; i < records; i++) {
            builder.append(logs.time.milliseconds(), new byte[] {(byte) i}, data.consumeBytes(8));
        }
        logs.log(topic).append(new MemoryRecords(builder.build()));
    }

    private static void fullFetch(FuzzedDataProvider data, FuzzLogs logs, FetchHandler handler, Map<Integer, ModelSession> model,
                                  Set<Integer> closed, int slots, int step, int epoch) {
        int id = pickId(data, model, closed);
        Map<TopicPartition, FetchPartition> asked = partitions(data, logs);
        FetchResponse response = fetch(handler, request(id, epoch, asked, List.of()), step);
        String what = "fetch(" + id + ", " + epoch + ") of " + asked.keySet();
        if (model.remove(id) != null) {
            closed.add(id);
        }
        check(response.errorCode() == ErrorCode.NONE.code(), "a full fetch failed: " + what + " -> " + response);
        Map<TopicPartition, PartitionData> answered = answered(response, what);
        check(answered.keySet().equals(asked.keySet()), "a full fetch answered " + answered.keySet() + " for " + what);
        if (epoch == -1 || slots == 0) {
            check(response.sessionId() == 0, "a session-less fetch got session " + response.sessionId() + ": " + what);
            return;
        }
        check(response.sessionId() != 0, "a full fetch with " + slots + " slots opened no session: " + what);
        check(!model.containsKey(response.sessionId()), "new session id " + response.sessionId() + " is taken");
        ModelSession session = new ModelSession();
        asked.forEach((partition, request) -> {
            session.maxBytes.put(partition, request.partitionMaxBytes());
            session.fetchOffsets.put(partition, request.fetchOffset());
        });
        model.put(response.sessionId(), session);
        closed.remove(response.sessionId());
    }

    private static void incrementalFetch(FuzzedDataProvider data, FuzzLogs logs, FetchHandler handler,
                                         Map<Integer, ModelSession> model, Set<Integer> closed, int step) {
        int id = pickId(data, model, closed);
        ModelSession session = model.get(id);
        int drawn = switch (data.consumeInt(0, 3)) {
            case 0, 1 -> session == null ? 1 : session.nextEpoch;
            case 2 -> session == null ? 2 : session.nextEpoch - 1;
            default -> data.consumeInt();
        };
        // 0 and -1 would make it a full fetch, which fullFetch covers
        int epoch = drawn == 0 || drawn == -1 ? Integer.MIN_VALUE : drawn;
        Map<TopicPartition, FetchPartition> asked = partitions(data, logs);
        List<TopicPartition> forgotten = new ArrayList<>();
        for (TopicPartition partition : PARTITIONS) {
            if (data.consumeInt(0, 5) == 0) {
                forgotten.add(partition);
            }
        }
        FetchResponse response = fetch(handler, request(id, epoch, asked, forgotten), step);
        String what = "fetch(" + id + ", " + epoch + ") of " + asked.keySet() + " forgetting " + forgotten
                + (session == null ? " (no such session)" : " (session at epoch " + session.nextEpoch + ")");
        ErrorCode error = ErrorCode.forCode(response.errorCode());
        if (id == 0 || epoch < 0) {
            check(error == ErrorCode.INVALID_FETCH_SESSION_EPOCH, "answered " + error + ": " + what);
        } else if (session == null) {
            check(error == ErrorCode.FETCH_SESSION_ID_NOT_FOUND, "answered " + error + ": " + what);
        } else if (error == ErrorCode.FETCH_SESSION_ID_NOT_FOUND) {
            model.remove(id); // evicted to make room for a newer session
            return;
        } else if (epoch != session.nextEpoch) {
            check(error == ErrorCode.INVALID_FETCH_SESSION_EPOCH, "answered " + error + ": " + what);
        } else {
            check(error == ErrorCode.NONE, "answered " + error + ": " + what);
        }
        if (error != ErrorCode.NONE) {
            check(response.responses().isEmpty(), "an error answer carries partitions: " + what);
            return;
        }
        session.nextEpoch = epoch == Integer.MAX_VALUE ? 1 : epoch + 1;
        asked.forEach((partition, request) -> {
            session.maxBytes.put(partition, request.partitionMaxBytes());
            session.fetchOffsets.put(partition, request.fetchOffset());
        });
        forgotten.forEach(partition -> {
            session.maxBytes.remove(partition);
            session.fetchOffsets.remove(partition);
        });
        check(response.sessionId() == id, "incremental answer of session " + response.sessionId() + ": " + what);
        Map<TopicPartition, PartitionData> answered = answered(response, what);
        check(session.maxBytes.keySet().containsAll(answered.keySet()),
                "answered " + answered.keySet() + " outside the session " + session.maxBytes.keySet() + ": " + what);
        for (TopicPartition partition : session.maxBytes.keySet()) {
            if (mustAnswer(logs, partition, session)) {
                check(answered.containsKey(partition), "left out " + partition + " which has news: " + what);
            }
        }
    }

    /** An unknown partition (an error) or one with records at its fetch offset within unlimited limits. */
    private static boolean mustAnswer(FuzzLogs logs, TopicPartition partition, ModelSession session) {
        Optional<PartitionLog> log = logs.lookup.log(partition.topic(), partition.partition());
        if (log.isEmpty()) {
            return true;
        }
        long offset = session.fetchOffsets.get(partition);
        return session.maxBytes.get(partition) >= UNLIMITED && offset >= log.get().logStartOffset()
                && offset < log.get().logEndOffset();
    }

    /**
     * Probes every model session with a wrong epoch (which changes nothing): the live ones may not
     * outnumber the slots. The cache evicts in its own maintenance, which may lag a write, so this
     * polls until a deadline.
     */
    private static void assertBounded(FetchHandler handler, Map<Integer, ModelSession> model, int slots) {
        long deadlineNs = System.nanoTime() + EVICTION_DEADLINE_NS;
        int live;
        do {
            live = 0;
            for (Map.Entry<Integer, ModelSession> entry : model.entrySet()) {
                int wrongEpoch = entry.getValue().nextEpoch == Integer.MAX_VALUE ? 1 : entry.getValue().nextEpoch + 1;
                FetchResponse response = fetch(handler, request(entry.getKey(), wrongEpoch, Map.of(), List.of()), -1);
                if (response.errorCode() == ErrorCode.INVALID_FETCH_SESSION_EPOCH.code()) {
                    live++;
                }
            }
        } while (live > slots && System.nanoTime() - deadlineNs < 0);
        check(live <= slots, live + " live sessions with " + slots + " slots");
    }

    /** A few distinct partitions with fetch offsets around the log's range and byte limits from 0 to unlimited. */
    private static Map<TopicPartition, FetchPartition> partitions(FuzzedDataProvider data, FuzzLogs logs) {
        Set<TopicPartition> chosen = new LinkedHashSet<>();
        int count = data.consumeInt(0, PARTITIONS.size());
        for (int i = 0; i < count; i++) {
            chosen.add(PARTITIONS.get(data.consumeInt(0, PARTITIONS.size() - 1)));
        }
        Map<TopicPartition, FetchPartition> out = new LinkedHashMap<>();
        for (TopicPartition partition : chosen) {
            long end = logs.lookup.log(partition.topic(), partition.partition()).map(PartitionLog::logEndOffset).orElse(0L);
            long offset = switch (data.consumeInt(0, 4)) {
                case 0 -> 0;
                case 1 -> Math.max(0, end - 1);
                case 2 -> end;
                case 3 -> end + 1;
                default -> data.consumeLong();
            };
            int maxBytes = switch (data.consumeInt(0, 3)) {
                case 0, 1 -> UNLIMITED;
                case 2 -> data.consumeInt(0, 200);
                default -> data.consumeInt();
            };
            out.put(partition, new FetchPartition().setPartition(partition.partition()).setFetchOffset(offset)
                    .setPartitionMaxBytes(maxBytes));
        }
        return out;
    }

    private static int pickId(FuzzedDataProvider data, Map<Integer, ModelSession> model, Set<Integer> closed) {
        List<Integer> known = new ArrayList<>(model.keySet());
        known.addAll(closed);
        int choice = data.consumeInt(0, known.size() + 1);
        if (choice < known.size()) {
            return known.get(choice);
        }
        return choice == known.size() ? 0 : data.consumeInt();
    }

    private static FetchRequest request(int id, int epoch, Map<TopicPartition, FetchPartition> partitions,
                                        List<TopicPartition> forgotten) {
        Map<String, List<FetchPartition>> byTopic = new LinkedHashMap<>();
        partitions.forEach((partition, request) -> byTopic.computeIfAbsent(partition.topic(), t -> new ArrayList<>()).add(request));
        List<FetchTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, list) -> topics.add(new FetchTopic().setTopic(topic).setPartitions(list)));
        Map<String, List<Integer>> forgottenByTopic = new LinkedHashMap<>();
        forgotten.forEach(p -> forgottenByTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p.partition()));
        List<ForgottenTopic> forgottenTopics = new ArrayList<>();
        forgottenByTopic.forEach((topic, list) -> forgottenTopics.add(new ForgottenTopic().setTopic(topic).setPartitions(list)));
        return new FetchRequest().setReplicaId(-1).setMaxWaitMs(0).setMinBytes(0).setMaxBytes(Integer.MAX_VALUE)
                .setIsolationLevel((byte) 0).setSessionId(id).setSessionEpoch(epoch).setTopics(topics)
                .setForgottenTopicsData(forgottenTopics);
    }

    private static FetchResponse fetch(FetchHandler handler, FetchRequest request, int correlationId) {
        RequestContext context = new RequestContext(new RequestHeader(ApiKey.FETCH.id(), (short) 12, correlationId, "fuzz"),
                null, "PLAINTEXT", 0L);
        FetchResponse response = handler.handle(context, request).getNow(null);
        check(response != null, "a fetch with max_wait_ms 0 was parked: " + request);
        return response;
    }

    private static Map<TopicPartition, PartitionData> answered(FetchResponse response, String what) {
        Map<TopicPartition, PartitionData> out = new LinkedHashMap<>();
        for (FetchableTopicResponse topic : response.responses()) {
            for (PartitionData partition : topic.partitions()) {
                check(out.put(new TopicPartition(topic.topic(), partition.partitionIndex()), partition) == null,
                        topic.topic() + "-" + partition.partitionIndex() + " answered twice: " + what);
            }
        }
        return out;
    }

    private static void check(boolean condition, String violation) {
        if (!condition) {
            throw new AssertionError(violation);
        }
    }
}
