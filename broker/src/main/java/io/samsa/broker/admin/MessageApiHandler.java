package io.samsa.broker.admin;

import io.samsa.broker.api.MessageHandler;
import io.samsa.broker.api.RequestContext;
import io.samsa.protocol.types.ApiMessage;
import java.util.concurrent.CompletableFuture;

/**
 * Plugs a {@link SynchronousHandler} into the network layer: the shared typed adapter
 * ({@link MessageHandler}) decodes the body and encodes the response; the admin handler answers on
 * the calling I/O thread (it may write the topic registry file, never on an event loop).
 *
 * <p>Thread-safe when the wrapped handler is (all admin handlers are).
 *
 * @param <Q> request body type
 * @param <R> response body type
 */
public final class MessageApiHandler<Q extends ApiMessage, R extends ApiMessage> extends MessageHandler<Q, R> {
    private final SynchronousHandler<Q, R> handler;

    public MessageApiHandler(SynchronousHandler<Q, R> handler) {
        super(handler.api());
        this.handler = handler;
    }

    @Override
    protected CompletableFuture<R> handle(RequestContext context, Q request) {
        return CompletableFuture.completedFuture(handler.handle(context, request));
    }
}
