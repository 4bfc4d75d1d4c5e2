package io.samsa.broker.network;

import java.net.SocketAddress;

/**
 * A snapshot of one connection's flow control, taken on its event loop.
 *
 * @param clientAddress        the peer
 * @param inFlightRequests     requests dispatched but not yet answered
 * @param parkedRequests       requests read but waiting for a free slot before dispatch
 * @param autoRead             whether the connection is reading requests
 * @param writable             whether unsent response bytes are below the high-water mark
 * @param pendingOutboundBytes response bytes queued in the channel but not yet in the socket
 * @param readPauses           how many times reading was paused
 */
public record ConnectionStats(SocketAddress clientAddress, int inFlightRequests, int parkedRequests, boolean autoRead, boolean writable,
                              long pendingOutboundBytes, long readPauses) {
}
