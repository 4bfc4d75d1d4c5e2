package io.samsa.broker.data.fetch;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchRequest.FetchPartition;
import io.samsa.protocol.message.FetchRequest.FetchTopic;
import io.samsa.protocol.message.FetchRequest.ForgottenTopic;
import io.samsa.storage.TopicPartition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incremental fetch sessions (KIP-227) as Kafka runs them, by (session id, epoch):
 * <ul>
 *   <li>(any, -1): a session-less full fetch; a named session is closed;</li>
 *   <li>(any, 0): a full fetch that opens a new session (closing a named one); without free slots
 *       it is answered session-less;</li>
 *   <li>(0, n &gt; 0): INVALID_FETCH_SESSION_EPOCH;</li>
 *   <li>(id, n &gt; 0): an incremental fetch of session id: FETCH_SESSION_ID_NOT_FOUND when it is
 *       unknown, INVALID_FETCH_SESSION_EPOCH unless n is the epoch after the last one; else the
 *       request's partitions are added or updated, its forgotten topics removed, and every session
 *       partition is read.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class FetchSessions {
    static final int INITIAL_EPOCH = 0;
    static final int FINAL_EPOCH = -1;

    private final FetchSessionCache cache;

    /** @param slots max.incremental.fetch.session.cache.slots */
    public FetchSessions(int slots) {
        this.cache = new FetchSessionCache(slots);
    }

    FetchContext context(FetchRequest request) {
        int id = request.sessionId();
        int epoch = request.sessionEpoch();
        if (epoch == FINAL_EPOCH || epoch == INITIAL_EPOCH) {
            if (id != 0) {
                cache.remove(id);
            }
            FetchSession session = epoch == INITIAL_EPOCH ? cache.create() : null;
            if (session == null) {
                return FetchContext.sessionless(request);
            }
            for (FetchTopic topic : request.topics()) {
                for (FetchPartition partition : topic.partitions()) {
                    session.upsert(new TopicPartition(topic.topic(), partition.partition()), partition.fetchOffset(),
                            partition.partitionMaxBytes());
                }
            }
            return new FetchContext(request, session, false, ErrorCode.NONE);
        }
        if (id == 0 || epoch < 0) {
            return FetchContext.error(ErrorCode.INVALID_FETCH_SESSION_EPOCH);
        }
        FetchSession session = cache.get(id);
        if (session == null) {
            return FetchContext.error(ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
        }
        if (!session.advanceEpoch(epoch)) {
            return FetchContext.error(ErrorCode.INVALID_FETCH_SESSION_EPOCH);
        }
        for (FetchTopic topic : request.topics()) {
            for (FetchPartition partition : topic.partitions()) {
                session.upsert(new TopicPartition(topic.topic(), partition.partition()), partition.fetchOffset(),
                        partition.partitionMaxBytes());
            }
        }
        for (ForgottenTopic forgotten : request.forgottenTopicsData()) {
            for (int partition : forgotten.partitions()) {
                session.forget(new TopicPartition(forgotten.topic(), partition));
            }
        }
        return new FetchContext(sessionRequest(request, session), session, true, ErrorCode.NONE);
    }

    /** The request with the session's partitions, at their session offsets, in place of its own. */
    private static FetchRequest sessionRequest(FetchRequest request, FetchSession session) {
        Map<String, List<FetchPartition>> byTopic = new LinkedHashMap<>();
        session.snapshot().forEach((partition, cached) -> byTopic.computeIfAbsent(partition.topic(), t -> new ArrayList<>())
                .add(new FetchPartition().setPartition(partition.partition()).setFetchOffset(cached.fetchOffset)
                        .setPartitionMaxBytes(cached.maxBytes)));
        List<FetchTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, partitions) -> topics.add(new FetchTopic().setTopic(topic).setPartitions(partitions)));
        return new FetchRequest().setReplicaId(request.replicaId()).setMaxWaitMs(request.maxWaitMs())
                .setMinBytes(request.minBytes()).setMaxBytes(request.maxBytes()).setIsolationLevel(request.isolationLevel())
                .setSessionId(request.sessionId()).setSessionEpoch(request.sessionEpoch()).setTopics(topics);
    }
}
