package io.samsa.broker.network;

import io.samsa.protocol.util.Time;

/**
 * At most {@code maxLines} log lines per minute, across every caller: a fixed one-minute window
 * on an injected clock. Lines refused are counted, so the next line let through can say how many
 * were left out.
 *
 * <p>Thread-safe (event loops of every connection share one instance); it is touched only when
 * something is about to be logged, never on a request's normal path.
 */
final class LogLineLimiter {
    static final long WINDOW_MS = 60_000;

    private final Time time;
    private final int maxLines;
    private long windowStartMs;
    private int linesInWindow;
    private long suppressed;
    private boolean started;

    /** @param maxLines lines allowed per minute; 0 allows none */
    LogLineLimiter(Time time, int maxLines) {
        if (maxLines < 0) {
            throw new IllegalArgumentException("maxLines " + maxLines + " < 0");
        }
        this.time = time;
        this.maxLines = maxLines;
    }

    /**
     * @return -1 when the line must be dropped, else how many lines were dropped since the last
     *         one let through (the caller logs this line, mentioning that count when positive)
     */
    synchronized long tryAcquire() {
        long nowMs = time.milliseconds();
        if (!started || nowMs - windowStartMs >= WINDOW_MS) {
            started = true;
            windowStartMs = nowMs;
            linesInWindow = 0;
        }
        if (linesInWindow >= maxLines) {
            suppressed++;
            return -1;
        }
        linesInWindow++;
        long dropped = suppressed;
        suppressed = 0;
        return dropped;
    }
}
