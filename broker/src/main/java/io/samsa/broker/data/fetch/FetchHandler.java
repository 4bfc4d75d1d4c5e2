package io.samsa.broker.data.fetch;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.data.partitions.TopicTrafficListener;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.FetchResponse.FetchableTopicResponse;
import io.samsa.protocol.message.FetchResponse.PartitionData;
import java.util.concurrent.CompletableFuture;

/**
 * Fetch (key 1), versions 4-12, partitions by name. Records go out as file slices of the logs
 * (zero-copy). When the first read holds fewer than min_bytes and no partition has an error, the
 * request is parked in the {@link FetchPurgatory} until appends bring enough bytes or max_wait_ms
 * passes; no thread waits. Incremental fetch sessions (KIP-227) are resolved by
 * {@link FetchSessions} first; an incremental response carries only partitions with news.
 *
 * <p>Thread-safe.
 */
public final class FetchHandler extends MessageHandler<FetchRequest, FetchResponse> {
    private final FetchReader reader;
    private final FetchPurgatory purgatory;
    private final FetchSessions sessions;
    private final TopicTrafficListener traffic;

    public FetchHandler(FetchReader reader, FetchPurgatory purgatory, FetchSessions sessions) {
        this(reader, purgatory, sessions, TopicTrafficListener.NONE);
    }

    /** @param traffic told once per partition of the answer sent (not per re-read of a parked fetch) */
    public FetchHandler(FetchReader reader, FetchPurgatory purgatory, FetchSessions sessions, TopicTrafficListener traffic) {
        super(ApiKey.FETCH);
        this.traffic = traffic;
        this.reader = reader;
        this.purgatory = purgatory;
        this.sessions = sessions;
    }

    @Override
    protected CompletableFuture<FetchResponse> handle(RequestContext context, FetchRequest request) {
        FetchContext fetch = sessions.context(request);
        if (fetch.error() != ErrorCode.NONE) {
            return CompletableFuture.completedFuture(new FetchResponse().setErrorCode(fetch.error().code()).setSessionId(0));
        }
        FetchRequest effective = fetch.request();
        FetchResult first = reader.read(effective, context.apiVersion());
        if (effective.maxWaitMs() <= 0 || first.bytes() >= effective.minBytes() || first.anyError()
                || effective.topics().isEmpty()) {
            return CompletableFuture.completedFuture(fetch.finish(counted(effective, first)));
        }
        return purgatory.park(effective, context.apiVersion(), context.receivedNs())
                .thenApply(result -> fetch.finish(counted(effective, result)));
    }

    /** Counts a consumer's fetch; a follower's (replica id set) is replication traffic, which Kafka keeps out of BytesOutPerSec. */
    private FetchResult counted(FetchRequest request, FetchResult result) {
        if (request.replicaId() >= 0) {
            return result;
        }
        for (FetchableTopicResponse topic : result.response().responses()) {
            for (PartitionData partition : topic.partitions()) {
                if (partition.errorCode() != ErrorCode.NONE.code()) {
                    traffic.fetchFailed(topic.topic());
                } else {
                    traffic.fetched(topic.topic(), partition.records() == null ? 0 : partition.records().sizeInBytes());
                }
            }
        }
        return result;
    }
}
