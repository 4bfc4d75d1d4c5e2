package io.samsa.broker.metrics;

import io.netty.buffer.ByteBuf;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.api.ApiSpec;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.api.ResponseSend;
import io.samsa.protocol.util.Time;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link ApiHandler} that feeds its API's {@link RequestMetrics}: the request counted and its
 * queue time taken when the I/O thread starts it (since {@link RequestContext#receivedNs()}),
 * its total time when the handler's future completes. Delegates everything else unchanged.
 * Thread-safe as the handler it wraps.
 */
public final class MeteredApiHandler implements ApiHandler {
    private final ApiHandler delegate;
    private final RequestMetrics metrics;
    private final Time time;

    public MeteredApiHandler(ApiHandler delegate, RequestMetrics metrics, Time time) {
        this.delegate = delegate;
        this.metrics = metrics;
        this.time = time;
    }

    @Override
    public ApiSpec spec() {
        return delegate.spec();
    }

    @Override
    public CompletableFuture<ResponseSend> handle(RequestContext context, ByteBuf body) {
        long receivedNs = context.receivedNs();
        metrics.started(context.apiVersion(), time.nanoseconds() - receivedNs);
        CompletableFuture<ResponseSend> future = delegate.handle(context, body);
        if (future != null) {
            future.whenComplete((send, error) -> metrics.completed(time.nanoseconds() - receivedNs));
        }
        return future;
    }

    @Override
    public boolean orderedPerConnection() {
        return delegate.orderedPerConnection();
    }

    @Override
    public boolean acceptsUnsupportedVersion(short apiVersion) {
        return delegate.acceptsUnsupportedVersion(apiVersion);
    }

    @Override
    public short requestHeaderVersion(short apiVersion) {
        return delegate.requestHeaderVersion(apiVersion);
    }

    @Override
    public short responseHeaderVersion(short apiVersion) {
        return delegate.responseHeaderVersion(apiVersion);
    }
}
