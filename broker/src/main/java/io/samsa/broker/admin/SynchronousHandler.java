package io.samsa.broker.admin;

import io.samsa.broker.api.RequestContext;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.types.ApiMessage;

/**
 * Serves one Kafka API at the message level: a decoded request in, the response to encode out.
 *
 * <p>The network layer decodes the body with {@code ApiMessageType.fromApiKey(key).readRequest(in,
 * version)} after checking the version against {@link ApiKey#accepts}, calls {@link #handle} on an
 * I/O thread (never an event loop: handlers may write the topic registry file), and encodes the
 * result at the request's version with the API's usual response header. Every admin handler
 * answers synchronously; wrap the result in a completed future where one is wanted. ApiVersions
 * adds a fallback for versions above the max ({@link ApiVersionsHandler#unsupportedVersion}).
 *
 * <p>Handlers hold no per-request state and are thread-safe. Bad input is answered with the API's
 * error codes; a handler throws only on a broken invariant, which closes the connection.
 *
 * @param <Q> the request body type
 * @param <R> the response body type
 */
public interface SynchronousHandler<Q extends ApiMessage, R extends ApiMessage> {

    /** @return the API this handler serves */
    ApiKey api();

    /**
     * @param request    the decoded request body; not modified
     * @param apiVersion the version it was decoded at, and the version the response is encoded at
     * @return the response body
     */
    R handle(Q request, short apiVersion);

    /**
     * The entry point the network layer calls; handlers that need the request's sender (to ask the
     * {@link io.samsa.broker.security.Authorizer}) override it.
     *
     * @param context the request's header, peer and listener
     * @param request the decoded request body; not modified
     * @return the response body, for {@code context.apiVersion()}
     */
    default R handle(RequestContext context, Q request) {
        return handle(request, context.apiVersion());
    }
}
