package io.samsa.broker.admin;

import io.netty.buffer.ByteBuf;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.api.MessageHandler;
import io.samsa.protocol.types.DecodeLimits;
import io.samsa.broker.api.ApiSpec;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.api.ResponseSend;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.ApiVersionsRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Plugs {@link ApiVersionsHandler} into the network layer with ApiVersions' two exceptions:
 * requests above the max are accepted ({@link #acceptsUnsupportedVersion}) and answered with the
 * UNSUPPORTED_VERSION fallback encoded at v0 without decoding their body, and the response header
 * is always v0, flexible versions included.
 *
 * <p>Thread-safe.
 */
public final class ApiVersionsApiHandler implements ApiHandler {
    private final ApiVersionsHandler handler;
    private final ApiSpec spec;

    public ApiVersionsApiHandler(ApiVersionsHandler handler) {
        this.handler = handler;
        this.spec = new MessageApiHandler<>(handler).spec();
    }

    @Override
    public ApiSpec spec() {
        return spec;
    }

    /** Above our max Kafka answers instead of closing; below our min (none: min is 0) it closes. */
    @Override
    public boolean acceptsUnsupportedVersion(short apiVersion) {
        return ApiVersionsHandler.isAboveMax(apiVersion);
    }

    @Override
    public short responseHeaderVersion(short apiVersion) {
        return 0;
    }

    @Override
    public CompletableFuture<ResponseSend> handle(RequestContext context, ByteBuf body) {
        short version = context.apiVersion();
        try {
            if (ApiVersionsHandler.isAboveMax(version)) {
                VersionedResponse fallback = handler.unsupportedVersion();
                return CompletableFuture.completedFuture(
                        MessageHandler.encode(fallback.body(), fallback.bodyVersion()));
            }
            ApiVersionsRequest request = (ApiVersionsRequest) MessageHandler.decode(ApiMessageType.API_VERSIONS, body, version, DecodeLimits.DEFAULT);
            return CompletableFuture.completedFuture(
                    MessageHandler.encode(handler.handle(request, version), version));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
