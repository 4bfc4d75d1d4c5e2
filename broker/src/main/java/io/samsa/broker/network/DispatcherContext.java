package io.samsa.broker.network;

import io.samsa.broker.api.ApiRegistry;
import io.samsa.broker.api.RequestHeaderDecoder;
import io.samsa.protocol.util.Time;
import java.util.concurrent.Executor;

/**
 * What every connection's {@link RequestDispatcher} on one listener shares.
 *
 * <p>Immutable; every component is thread-safe.
 *
 * @param registry                  handlers by API key
 * @param headerDecoder             the header-decoding step
 * @param ioExecutor                runs handlers (num.io.threads); never an event loop
 * @param inFlight                  the broker-wide count of unanswered requests
 * @param time                      stamps {@code RequestContext.receivedNs}
 * @param listenerName              the listener's name, e.g. "PLAINTEXT"
 * @param maxInFlightPerConnection  unanswered requests at which a connection stops reading
 * @param clientErrors              where clients' mistakes are logged
 */
public record DispatcherContext(ApiRegistry registry, RequestHeaderDecoder headerDecoder, Executor ioExecutor,
                                InFlightRequests inFlight, Time time, String listenerName, int maxInFlightPerConnection,
                                ClientErrorLog clientErrors) {
}
