package io.samsa.broker.data.fetch;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Fetch (key 1), versions 4-12, partitions by name. Records go out as file slices of the logs
 * (zero-copy). When the first read holds fewer than min_bytes and no partition has an error, the
 * request is parked in the {@link FetchPurgatory} until appends bring enough bytes or max_wait_ms
 * passes; no thread waits.
 *
 * <p>Incremental fetch sessions (KIP-227) are not implemented: every response carries session id
 * 0, which tells clients to keep sending full fetches (valid per the protocol; Java then asks for
 * a new session each time, librdkafka never uses them). A request naming a session id gets
 * FETCH_SESSION_ID_NOT_FOUND, and a session-less request with an epoch other than 0 (open) or -1
 * (none) gets INVALID_FETCH_SESSION_EPOCH, as from Kafka.
 *
 * <p>Thread-safe.
 */
public final class FetchHandler extends MessageHandler<FetchRequest, FetchResponse> {
    private static final int INITIAL_EPOCH = 0;
    private static final int FINAL_EPOCH = -1;

    private final FetchReader reader;
    private final FetchPurgatory purgatory;

    public FetchHandler(FetchReader reader, FetchPurgatory purgatory) {
        super(ApiKey.FETCH);
        this.reader = reader;
        this.purgatory = purgatory;
    }

    @Override
    protected CompletableFuture<FetchResponse> handle(RequestContext context, FetchRequest request) {
        if (request.sessionId() != 0) {
            return CompletableFuture.completedFuture(sessionError(ErrorCode.FETCH_SESSION_ID_NOT_FOUND));
        }
        if (request.sessionEpoch() != INITIAL_EPOCH && request.sessionEpoch() != FINAL_EPOCH) {
            return CompletableFuture.completedFuture(sessionError(ErrorCode.INVALID_FETCH_SESSION_EPOCH));
        }
        FetchResult first = reader.read(request);
        if (request.maxWaitMs() <= 0 || first.bytes() >= request.minBytes() || first.anyError()
                || request.topics().isEmpty()) {
            return CompletableFuture.completedFuture(first.response());
        }
        return purgatory.park(request, context.receivedNs()).thenApply(FetchResult::response);
    }

    private static FetchResponse sessionError(ErrorCode error) {
        return new FetchResponse().setErrorCode(error.code()).setSessionId(0);
    }
}
