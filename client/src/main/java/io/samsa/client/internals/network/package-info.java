/**
 * The client's network layer, shared by the producer, consumer and admin engines.
 *
 * <pre>
 *  engine ──send(node, ClientRequest)──▶ NetworkClient ──▶ BrokerConnection (one per node id)
 *     ▲                                      │  handshake: ApiVersions (fallback to the broker's max)
 *     └──── CompletableFuture&lt;response&gt; ◀───┘  version: highest common, within the request's range
 * </pre>
 *
 * <ul>
 *   <li>{@link io.samsa.client.internals.network.NetworkClient}: {@code send(node, request)} returns
 *       the response body's future; {@code send(node, request, timeoutMs)} for requests the broker
 *       holds (long-poll Fetch); {@code addTicker} for periodic duties on the network thread;
 *       {@code schedule}/{@code execute} to run on it; {@code inFlightCount}, {@code isReady},
 *       {@code connectionDelayMs}, {@code apiVersions} for node choice; {@code tick()} to check
 *       deadlines now (tests with a manual clock).</li>
 *   <li>{@link io.samsa.client.internals.network.ClientRequest}: the API, the version range the
 *       caller can build, and a per-version builder ({@code ClientRequest.of(body)} when the body
 *       fits every version).</li>
 *   <li>{@link io.samsa.client.internals.network.NodeApiVersions}: a broker's ranges and the
 *       version choice; {@code clientMaxVersion} skips versions our schemas mark unstable.</li>
 *   <li>{@link io.samsa.client.internals.network.NetworkConfig}: every bound, read from a client config.</li>
 * </ul>
 *
 * Failures: {@code NetworkException} (retriable) on a lost or refused connection,
 * {@code TimeoutException} (retriable) after request.timeout.ms, {@code UnsupportedVersionException}
 * when no version is common. Futures complete on the network thread; chained code must not block.
 */
package io.samsa.client.internals.network;
