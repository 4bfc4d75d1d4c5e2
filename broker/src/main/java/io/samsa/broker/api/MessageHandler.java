package io.samsa.broker.api;

import io.netty.buffer.ByteBuf;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.DecodeLimits;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link ApiHandler} that works in generated message classes: the body is decoded into the
 * API's request class, the handler answers with the response class, and the response is encoded
 * at the request's version (record bytes that live in log files become zero-copy file regions).
 *
 * <p>The served versions are those Samsa accepts for the API ({@link ApiKey#acceptedMin()} to
 * {@link ApiKey#advertisedMax()}); anything else never reaches {@link #handle(RequestContext,
 * ApiMessage)}. Decoding errors propagate, so the dispatcher closes the connection, as Kafka does
 * for an unparseable body.
 *
 * <p>Record fields of the decoded request are views of the request frame: they stay valid until
 * the returned future completes, so a handler that appends them must do so before completing.
 *
 * @param <Q> the request class
 * @param <R> the response class
 */
public abstract class MessageHandler<Q extends ApiMessage, R extends ApiMessage> implements ApiHandler {
    private final ApiSpec spec;
    private final ApiMessageType type;
    private final DecodeLimits limits;

    /** @param limits bounds on strings, byte fields and arrays beyond the frame's own size */
    protected MessageHandler(ApiKey api, DecodeLimits limits) {
        this.type = ApiMessageType.fromApiKey(api.id());
        short firstFlexible = type.firstFlexibleRequestVersion();
        this.spec = new ApiSpec(api.id(), api.displayName(), api.acceptedMin(), api.advertisedMax(),
                firstFlexible < 0 ? ApiSpec.NEVER_FLEXIBLE : firstFlexible);
        this.limits = limits;
    }

    protected MessageHandler(ApiKey api) {
        this(api, DecodeLimits.DEFAULT);
    }

    @Override
    public ApiSpec spec() {
        return spec;
    }

    @Override
    public final CompletableFuture<ResponseSend> handle(RequestContext context, ByteBuf body) {
        short version = context.apiVersion();
        @SuppressWarnings("unchecked")
        Q request = (Q) decode(type, body, version, limits);
        return handle(context, request).thenApply(response -> response == null ? ResponseSend.none()
                : encode(response, version));
    }

    /**
     * Answers one request.
     *
     * @return the response, or a future completed with null for no response (Produce acks=0)
     */
    protected abstract CompletableFuture<R> handle(RequestContext context, Q request);

    /**
     * Decodes a request body with its API's generated codec.
     *
     * @param body borrowed; its readable bytes are decoded, its reader index is not moved
     * @throws io.samsa.protocol.ProtocolDecodeException when the body does not parse
     */
    public static ApiMessage decode(ApiMessageType type, ByteBuf body, short version, DecodeLimits limits) {
        return type.readRequest(new ByteBufferReadable(body.nioBuffer(), limits), version);
    }

    /** Encodes a response body; records in log files become file-region parts. */
    public static ResponseSend encode(ApiMessage response, short version) {
        ResponseSendWritable out = new ResponseSendWritable(response.size(version));
        try {
            response.write(out, version);
            return out.finish();
        } catch (RuntimeException e) {
            out.discard();
            throw e;
        }
    }
}
