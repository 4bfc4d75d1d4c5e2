package io.samsa.protocol.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes: the test-side replacement for sleeping. */
public final class Await {
    private Await() {
    }

    /**
     * @param timeout how long to wait at most
     * @param what    what is awaited, for the failure message
     * @throws AssertionError when the condition still fails at the deadline
     */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        long pauseMs = 1;
        while (!condition.getAsBoolean()) {
            if (deadlineNs - System.nanoTime() <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            parkMillis(pauseMs);
            pauseMs = Math.min(pauseMs * 2, 50);
        }
    }

    private static void parkMillis(long ms) {
        java.util.concurrent.locks.LockSupport.parkNanos(ms * 1_000_000L);
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting");
        }
    }
}
