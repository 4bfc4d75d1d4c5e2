package io.samsa.broker.network;

import io.netty.channel.Channel;

/**
 * Decides whether a connection dispatches and reads more requests: only while it has fewer than
 * {@code maxInFlight} unanswered requests and its outbound buffer is below the high-water mark
 * (the channel is writable), and the broker is not shutting down. This is what keeps a client that
 * pipelines requests but never reads responses from making the broker buffer without bound:
 * reading stops, the client's socket fills, the client blocks.
 *
 * <p>Confined to the connection's event loop.
 */
final class ReadGate {
    private final Channel channel;
    private final int maxInFlight;
    private boolean stopped;
    private long pauses;

    /** @param maxInFlight requests read but not answered at which reading pauses (queued.max.requests) */
    ReadGate(Channel channel, int maxInFlight) {
        this.channel = channel;
        this.maxInFlight = maxInFlight;
    }

    /** @return whether another request may be dispatched, given {@code inFlight} unanswered ones */
    boolean isOpen(int inFlight) {
        return !stopped && inFlight < maxInFlight && channel.isWritable();
    }

    /** Re-evaluates auto-read after the in-flight count or writability changed. */
    void update(int inFlight) {
        boolean open = isOpen(inFlight);
        if (channel.config().isAutoRead() != open) {
            if (!open) {
                pauses++;
            }
            channel.config().setAutoRead(open);
        }
    }

    /** Stops reading for good (shutdown); requests already read are still answered. */
    void stop() {
        stopped = true;
        channel.config().setAutoRead(false);
    }

    /** @return how many times reading was paused, for tests and metrics */
    long pauses() {
        return pauses;
    }
}
