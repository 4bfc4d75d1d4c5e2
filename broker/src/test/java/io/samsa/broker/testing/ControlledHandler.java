package io.samsa.broker.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.api.ApiSpec;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.api.ResponseSend;
import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A handler whose futures the test completes by correlation id, in whatever order it likes.
 * Remembers each request's context and body bytes.
 *
 * <p>Thread-safe.
 */
public final class ControlledHandler implements ApiHandler {
    private final ApiSpec spec;
    private final Map<Integer, CompletableFuture<ResponseSend>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, RequestContext> contexts = new ConcurrentHashMap<>();
    private final Map<Integer, byte[]> bodies = new ConcurrentHashMap<>();

    public ControlledHandler(ApiSpec spec) {
        this.spec = spec;
    }

    @Override
    public ApiSpec spec() {
        return spec;
    }

    @Override
    public CompletableFuture<ResponseSend> handle(RequestContext context, ByteBuf body) {
        int correlationId = context.header().correlationId();
        CompletableFuture<ResponseSend> future = new CompletableFuture<>();
        contexts.put(correlationId, context);
        bodies.put(correlationId, ByteBufUtil.getBytes(body));
        pending.put(correlationId, future);
        return future;
    }

    /** Waits until {@code count} requests have reached the handler. */
    public void awaitRequests(int count) {
        Await.until(Duration.ofSeconds(10), count + " requests at the handler", () -> pending.size() >= count);
    }

    /** Completes request {@code correlationId} with {@code response} as its body. */
    public void complete(int correlationId, byte[] response) {
        future(correlationId).complete(ResponseSend.of(Unpooled.wrappedBuffer(response)));
    }

    /** @param send transferred to the dispatcher */
    public void complete(int correlationId, ResponseSend send) {
        future(correlationId).complete(send);
    }

    /** Completes request {@code correlationId} with "no response". */
    public void completeWithNone(int correlationId) {
        future(correlationId).complete(ResponseSend.none());
    }

    /** Fails request {@code correlationId}. */
    public void fail(int correlationId, Throwable error) {
        future(correlationId).completeExceptionally(error);
    }

    /** @return the context the request arrived with */
    public RequestContext context(int correlationId) {
        return contexts.get(correlationId);
    }

    /** @return a copy of the request's body bytes */
    public byte[] body(int correlationId) {
        return bodies.get(correlationId);
    }

    /** @return how many requests reached the handler */
    public int requestCount() {
        return pending.size();
    }

    private CompletableFuture<ResponseSend> future(int correlationId) {
        CompletableFuture<ResponseSend> future = pending.get(correlationId);
        if (future == null) {
            throw new AssertionError("no request with correlation id " + correlationId);
        }
        return future;
    }
}
