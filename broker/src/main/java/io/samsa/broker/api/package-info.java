/**
 * What a Kafka API plugs into the broker with.
 *
 * <ul>
 *   <li>{@link io.samsa.broker.api.ApiHandler}: one per API key; {@code spec()} gives key, name,
 *       served versions and first flexible version ({@link io.samsa.broker.api.ApiSpec});
 *       {@code handle(RequestContext, ByteBuf body)} runs on an I/O thread and returns a
 *       {@code CompletableFuture<ResponseSend>}.</li>
 *   <li>{@link io.samsa.broker.api.ResponseSend}: the response body as buffers and file regions;
 *       the dispatcher adds size prefix and response header. {@code ResponseSend.none()} sends
 *       nothing (Produce acks=0).</li>
 *   <li>{@link io.samsa.broker.api.RequestHeaderDecoder}: the replaceable header step
 *       ({@link io.samsa.broker.api.BasicRequestHeaderDecoder} by default).</li>
 * </ul>
 *
 * <p><b>ByteBuf ownership in one place.</b> The request body is borrowed: valid until the
 * handler's future completes, never released by the handler ({@code retain()} to keep bytes
 * longer). Everything put into a {@code ResponseSend} is transferred to it, and the send is
 * transferred to the dispatcher when the future completes; the dispatcher writes it (the channel
 * releases each part) or releases it (connection gone).
 *
 * <p><b>Errors.</b> Answer bad requests with the API's error response. A handler that throws, or
 * fails its future, gets its connection closed (Kafka's behaviour for an unparseable body);
 * so do requests with an unknown key or unsupported version, unless the handler opts in with
 * {@code acceptsUnsupportedVersion} (ApiVersions).
 */
package io.samsa.broker.api;
