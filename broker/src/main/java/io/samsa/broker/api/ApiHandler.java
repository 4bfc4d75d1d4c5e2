package io.samsa.broker.api;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * Serves one Kafka API. Registered in an {@link ApiRegistry} by {@link ApiSpec#apiKey()}; the
 * dispatcher calls {@link #handle} on an I/O thread ({@code num.io.threads}), never on an event
 * loop, so a handler may block briefly (disk, locks). Long waits (acks=all, long-poll fetch)
 * should return an incomplete future and complete it later from any thread.
 *
 * <p>Before calling the handler the dispatcher has checked the version against {@link #spec()}
 * (unless {@link #acceptsUnsupportedVersion} says otherwise) and decoded the header. Responses are
 * written in request order per connection, whatever order the futures complete in.
 *
 * <p><b>Failure.</b> A handler answers bad requests with the API's error response. If it throws,
 * or its future completes exceptionally, the connection is closed with a log line; this is what
 * Kafka does for an unparseable body ({@code ProtocolDecodeException}).
 *
 * <p>Implementations must be thread-safe: many connections call them concurrently.
 */
public interface ApiHandler {

    /** @return the API key, name and served versions */
    ApiSpec spec();

    /**
     * @param context header, peer and receive time
     * @param body    borrowed: the request body (the frame after the header), valid until the
     *                returned future completes. The handler may read it (moving its reader index)
     *                and take slices, but must not release it; to keep bytes longer than that,
     *                {@code retain()} them and release them later.
     * @return the response, or {@link ResponseSend#none()} for no response; the send (and every
     *         buffer in it) is transferred to the dispatcher on completion
     */
    CompletableFuture<ResponseSend> handle(RequestContext context, ByteBuf body);

    /**
     * @return true when this API's requests from one connection must be handled in arrival order,
     *         each {@link #handle} call starting after the previous one returned (Produce: a
     *         pipelining producer's batches must reach the log in the order sent). Default false:
     *         requests of one connection may run concurrently on the I/O threads.
     */
    default boolean orderedPerConnection() {
        return false;
    }

    /**
     * The hook for ApiVersions: Kafka answers an ApiVersions request above its max version with an
     * UNSUPPORTED_VERSION response instead of closing. Every other API closes the connection.
     *
     * @return true to receive requests with a version outside {@link #spec()}'s range
     */
    default boolean acceptsUnsupportedVersion(short apiVersion) {
        return false;
    }

    /** @return the request header version for {@code apiVersion}: 2 when flexible, else 1 */
    default short requestHeaderVersion(short apiVersion) {
        return spec().isFlexible(apiVersion) ? (short) 2 : (short) 1;
    }

    /**
     * @return the response header version for {@code apiVersion}: 1 when flexible, else 0.
     *         ApiVersions overrides this to always 0.
     */
    default short responseHeaderVersion(short apiVersion) {
        return spec().isFlexible(apiVersion) ? (short) 1 : (short) 0;
    }
}
