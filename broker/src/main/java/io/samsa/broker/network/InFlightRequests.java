package io.samsa.broker.network;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts requests read but not yet answered across all connections, so shutdown can wait (with a
 * bound) until in-flight work has finished.
 *
 * <p>Thread-safe.
 */
public final class InFlightRequests {
    private final AtomicInteger count = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();

    /** Called on event loops for every request; lock-free. */
    void increment() {
        count.incrementAndGet();
    }

    /** Lock-free unless the count reaches zero, when a waiting shutdown is woken. */
    void decrement(int by) {
        if (by != 0 && count.addAndGet(-by) <= 0) {
            lock.lock();
            try {
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** @return the current number of unanswered requests */
    public int count() {
        return count.get();
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
            // The count is read under the lock that decrement() signals under, so no wake-up is lost.
            while (count.get() > 0) {
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
