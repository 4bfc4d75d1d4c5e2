package io.samsa.broker.api;

import io.samsa.protocol.header.RequestHeader;
import java.net.SocketAddress;

/**
 * Everything about a request except its body: the decoded header, who sent it, and when it was
 * dispatched. Handed to {@link ApiHandler#handle}.
 *
 * <p>Immutable.
 *
 * @param header        the decoded request header
 * @param clientAddress the peer's address
 * @param listenerName  the listener the connection came in on, e.g. "PLAINTEXT"
 * @param receivedNs    {@code Time.nanoseconds()} when the request was dispatched (as read, or when a
 *                      frame parked by flow control got its slot), for latency and timeouts
 */
public record RequestContext(RequestHeader header, SocketAddress clientAddress, String listenerName, long receivedNs) {

    /** @return the request's API version */
    public short apiVersion() {
        return header.apiVersion();
    }
}
