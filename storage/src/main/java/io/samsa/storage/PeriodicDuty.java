package io.samsa.storage;

import java.util.function.LongConsumer;

/**
 * A background duty run at most once per interval of the injected clock: the scheduler thread
 * offers it every tick and it runs when due. Tests call the duty directly with a chosen time.
 *
 * <p>Thread-safe (synchronized): a duty never overlaps itself.
 */
final class PeriodicDuty {
    private final String name;
    private final long intervalMs;
    private final LongConsumer body;
    private long lastRunMs;

    /**
     * @param intervalMs the period, in ms of the injected clock
     * @param startMs    the clock reading the first period counts from
     * @param body       the work, given the clock reading
     */
    PeriodicDuty(String name, long intervalMs, long startMs, LongConsumer body) {
        this.name = name;
        this.intervalMs = intervalMs;
        this.lastRunMs = startMs;
        this.body = body;
    }

    /** Runs the duty when an interval has passed since its last run. */
    synchronized boolean maybeRun(long nowMs) {
        if (nowMs - lastRunMs < intervalMs) {
            return false;
        }
        lastRunMs = nowMs;
        body.accept(nowMs);
        return true;
    }

    String name() {
        return name;
    }
}
