package io.samsa.broker.data.fetch;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.FetchResponse.FetchableTopicResponse;
import io.samsa.protocol.message.FetchResponse.PartitionData;
import io.samsa.storage.TopicPartition;
import java.util.ArrayList;
import java.util.List;

/**
 * How one Fetch request is answered with respect to sessions: the partitions to read (for an
 * incremental request, all of its session's partitions at their session offsets) and how to turn
 * the read into the response: session-less (session id 0), full with a new session's id, or
 * incremental (only partitions with records, an error or a changed high watermark, last stable
 * offset or log start offset). An {@code error} short-cuts everything.
 *
 * <p>Immutable; the session it refers to is thread-safe.
 *
 * @param request     what to read
 * @param session     the session, or null for a session-less fetch
 * @param incremental whether the response leaves out unchanged partitions
 * @param error       NONE, FETCH_SESSION_ID_NOT_FOUND or INVALID_FETCH_SESSION_EPOCH
 */
record FetchContext(FetchRequest request, FetchSession session, boolean incremental, ErrorCode error) {

    static FetchContext sessionless(FetchRequest request) {
        return new FetchContext(request, null, false, ErrorCode.NONE);
    }

    static FetchContext error(ErrorCode error) {
        return new FetchContext(null, null, false, error);
    }

    /** @return the response to send for {@code result}, a read of {@link #request} */
    FetchResponse finish(FetchResult result) {
        FetchResponse response = result.response();
        if (session == null) {
            return response.setSessionId(0);
        }
        List<FetchableTopicResponse> kept = new ArrayList<>();
        for (FetchableTopicResponse topic : response.responses()) {
            List<PartitionData> partitions = new ArrayList<>();
            for (PartitionData data : topic.partitions()) {
                boolean changed = session.update(new TopicPartition(topic.topic(), data.partitionIndex()),
                        data.highWatermark(), data.lastStableOffset(), data.logStartOffset());
                if (!incremental || changed || data.errorCode() != ErrorCode.NONE.code()
                        || (data.records() != null && data.records().sizeInBytes() > 0)) {
                    partitions.add(data);
                }
            }
            if (!partitions.isEmpty()) {
                kept.add(new FetchableTopicResponse().setTopic(topic.topic()).setTopicId(topic.topicId()).setPartitions(partitions));
            }
        }
        return response.setResponses(kept).setSessionId(session.id());
    }
}
