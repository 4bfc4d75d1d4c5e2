package io.samsa.protocol.util;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to. Both readings advance together. Thread-safe: a test thread
 * may advance it while the component under test reads it.
 */
public final class ManualTime implements Time {
    private final AtomicLong nowNs;
    private final long wallOffsetMs;

    /** Starts at a fixed, arbitrary wall-clock time so tests are repeatable. */
    public ManualTime() {
        this(1_700_000_000_000L);
    }

    /** @param startMs the initial wall-clock reading, in milliseconds since the epoch */
    public ManualTime(long startMs) {
        this.nowNs = new AtomicLong(0);
        this.wallOffsetMs = startMs;
    }

    @Override
    public long milliseconds() {
        return wallOffsetMs + TimeUnit.NANOSECONDS.toMillis(nowNs.get());
    }

    @Override
    public long nanoseconds() {
        return nowNs.get();
    }

    /** @param durationMs how far to move both clocks, in milliseconds; must not be negative */
    public void advance(long durationMs) {
        if (durationMs < 0) {
            throw new IllegalArgumentException("time moves forward only: " + durationMs);
        }
        nowNs.addAndGet(TimeUnit.MILLISECONDS.toNanos(durationMs));
    }

    @Override
    public String toString() {
        return "ManualTime(" + milliseconds() + " ms)";
    }
}
