package io.samsa.client.producer.internals;

import io.samsa.client.errors.InterruptException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.protocol.util.Time;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The producer's bounded memory budget ({@code buffer.memory}): each batch reserves its bytes here
 * before it is created and gives them back once it completes. A reservation that does not fit waits
 * up to {@code max.block.ms}, then fails with {@link TimeoutException}; waiters are served in the
 * order they came (a fair lock), so a large request is not starved by small ones.
 *
 * <p>Only accounting: the record bytes themselves live in each batch's builder, which never grows
 * past what the batch reserved by more than one record.
 *
 * <p>Thread-safe. Deadlines are read from the injected {@link Time}; a waiter re-checks the clock at
 * least every {@link #RECHECK_MS} ms, so a test driving a manual clock sees the timeout promptly.
 */
public final class BufferPool {
    /** Longest a waiter sleeps before looking at the (possibly manual) clock again. */
    static final long RECHECK_MS = 5;

    private final long totalBytes;
    private final Time time;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition freed = lock.newCondition();
    private long availableBytes;
    private int waiters;

    public BufferPool(long totalBytes, Time time) {
        this.totalBytes = totalBytes;
        this.availableBytes = totalBytes;
        this.time = time;
    }

    /**
     * Reserves {@code sizeBytes}, waiting up to {@code maxBlockMs} for other batches to give memory back.
     *
     * @throws IllegalArgumentException when the request exceeds the whole pool (it could never fit)
     * @throws TimeoutException         when the memory did not free up in time
     * @throws InterruptException       when the waiting thread is interrupted
     */
    public void allocate(int sizeBytes, long maxBlockMs) {
        if (sizeBytes > totalBytes) {
            throw new IllegalArgumentException("Attempt to allocate " + sizeBytes + " bytes, but there is a hard limit of "
                + totalBytes + " on memory allocations.");
        }
        long deadlineMs = time.milliseconds() + maxBlockMs;
        lock.lock();
        try {
            waiters++;
            try {
                while (availableBytes < sizeBytes) {
                    long remainingMs = deadlineMs - time.milliseconds();
                    if (remainingMs <= 0) {
                        throw new TimeoutException("Failed to allocate " + sizeBytes + " bytes within the configured max blocking time "
                            + maxBlockMs + " ms. Total memory: " + totalBytes + " bytes. Available memory: " + availableBytes + " bytes.");
                    }
                    freed.await(Math.min(remainingMs, RECHECK_MS), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                throw new InterruptException(e);
            } finally {
                waiters--;
            }
            availableBytes -= sizeBytes;
            if (availableBytes > 0 && waiters > 0) {
                freed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives back {@code sizeBytes} reserved earlier and wakes waiters. */
    public void deallocate(int sizeBytes) {
        lock.lock();
        try {
            availableBytes = Math.min(totalBytes, availableBytes + sizeBytes);
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public long availableBytes() {
        lock.lock();
        try {
            return availableBytes;
        } finally {
            lock.unlock();
        }
    }

    public long totalBytes() {
        return totalBytes;
    }

    /** Threads waiting for memory now. */
    public int queued() {
        lock.lock();
        try {
            return waiters;
        } finally {
            lock.unlock();
        }
    }
}
