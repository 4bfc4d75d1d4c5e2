package io.samsa.client.internals.network;

/**
 * Exponential reconnect backoff for one node: {@code base * 2^(failures-1)}, capped, with +-20%
 * jitter so that many clients do not reconnect in lock step. Reset by a successful handshake.
 *
 * <p>Not thread-safe: owned by the network thread.
 */
final class ReconnectBackoff {
    private final long baseMs;
    private final long maxMs;
    private int failures;
    private long notBeforeMs;

    ReconnectBackoff(long baseMs, long maxMs) {
        this.baseMs = baseMs;
        this.maxMs = Math.max(baseMs, maxMs);
    }

    /** Records a failed or lost connection at {@code nowMs}. */
    void onFailure(long nowMs) {
        failures = Math.min(failures + 1, 30);
        long delayMs = Math.min(maxMs, baseMs << Math.min(failures - 1, 20));
        double jitter = 0.8 + 0.4 * java.util.concurrent.ThreadLocalRandom.current().nextDouble();
        notBeforeMs = nowMs + (long) (delayMs * jitter);
    }

    void onSuccess() {
        failures = 0;
        notBeforeMs = 0;
    }

    /** Milliseconds to wait before the next connection attempt; 0 when one may start now. */
    long remainingMs(long nowMs) {
        return failures == 0 ? 0 : Math.max(0, notBeforeMs - nowMs);
    }
}
