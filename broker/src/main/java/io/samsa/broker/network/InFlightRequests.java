package io.samsa.broker.network;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts requests read but not yet answered across all connections, so shutdown can wait (with a
 * bound) until in-flight work has finished.
 *
 * <p>Thread-safe.
 */
public final class InFlightRequests {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int count;

    void increment() {
        lock.lock();
        try {
            count++;
        } finally {
            lock.unlock();
        }
    }

    void decrement(int by) {
        if (by == 0) {
            return;
        }
        lock.lock();
        try {
            count -= by;
            if (count <= 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return the current number of unanswered requests */
    public int count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until no request is in flight or the timeout passes. Never call on an event loop.
     *
     * @param timeoutMs the longest wait, in milliseconds
     * @return true when idle, false on timeout
     */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long remainingNs = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (count > 0) {
                if (remainingNs <= 0) {
                    return false;
                }
                remainingNs = idle.awaitNanos(remainingNs);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
