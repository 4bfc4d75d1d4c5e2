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

    /** The listener name of {@link #inProcess} contexts. */
    public static final String IN_PROCESS_LISTENER = "in-process";

    /**
     * @return the context of a request made from inside this process (a handler called directly, by a
     *         tool or a test): no peer address, the {@link #IN_PROCESS_LISTENER} listener
     */
    public static RequestContext inProcess(short apiKey, short apiVersion) {
        return new RequestContext(new RequestHeader(apiKey, apiVersion, 0, null), null, IN_PROCESS_LISTENER, 0L);
    }

    /** @return the request's API version */
    public short apiVersion() {
        return header.apiVersion();
    }
}
