package io.samsa.broker.admin;

import io.netty.buffer.ByteBuf;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.api.ApiSpec;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.api.ResponseSend;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.types.ApiMessage;
import java.util.concurrent.CompletableFuture;

/**
 * Plugs a {@link MessageHandler} into the network layer's {@link ApiHandler} registry: decodes the
 * body at the request's version, runs the handler on the calling I/O thread and encodes its
 * response at the same version. Served versions are {@link ApiKey}'s accepted range; flexible
 * versions come from the generated schema. A body that does not decode fails the future, which
 * closes the connection (Kafka's behaviour).
 *
 * <p>Thread-safe when the wrapped handler is (all admin handlers are).
 *
 * @param <Q> request body type
 * @param <R> response body type
 */
public final class MessageApiHandler<Q extends ApiMessage, R extends ApiMessage> implements ApiHandler {
    private final MessageHandler<Q, R> handler;
    private final ApiMessageType type;
    private final ApiSpec spec;

    public MessageApiHandler(MessageHandler<Q, R> handler) {
        this.handler = handler;
        this.type = ApiMessageType.fromApiKey(handler.api().id());
        this.spec = specOf(handler.api(), type);
    }

    /** @return the network spec of {@code api}: accepted versions, first flexible version */
    static ApiSpec specOf(ApiKey api, ApiMessageType type) {
        short firstFlexible = type.firstFlexibleRequestVersion() < 0 ? ApiSpec.NEVER_FLEXIBLE : type.firstFlexibleRequestVersion();
        return new ApiSpec(api.id(), api.displayName(), api.acceptedMin(), api.advertisedMax(), firstFlexible);
    }

    @Override
    public ApiSpec spec() {
        return spec;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<ResponseSend> handle(RequestContext context, ByteBuf body) {
        short version = context.apiVersion();
        try {
            Q request = (Q) MessageCodec.decodeRequest(type, body, version);
            R response = handler.handle(request, version);
            return CompletableFuture.completedFuture(ResponseSend.of(MessageCodec.encodeResponse(response, version)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
