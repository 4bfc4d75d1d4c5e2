package io.samsa.storage;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes appends durable with as few fsyncs as possible. An appender that needs its offset durable
 * either becomes the flush leader, fsyncs everything written so far and publishes the covered
 * offset, or, when a flush is already running, waits for it and re-checks: appends that arrive
 * during one fsync share the next one. With {@code flush.messages=1} this keeps throughput close
 * to one fsync per disk round trip instead of one per append.
 *
 * <p>Thread-safe. The flush itself runs outside the lock, so appends continue while it runs.
 */
final class GroupCommit {
    /** Forces everything written so far to disk. */
    @FunctionalInterface
    interface Flusher {
        /** @return the offset below which everything is now durable */
        long flushAll() throws IOException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushDone = lock.newCondition();
    private final Flusher flusher;
    private boolean flushing;
    private int flushCount;
    private volatile long durableOffset;

    GroupCommit(Flusher flusher, long durableOffset) {
        this.flusher = flusher;
        this.durableOffset = durableOffset;
    }

    /** Every offset below this is on disk: the recovery point. */
    long durableOffset() {
        return durableOffset;
    }

    /**
     * Returns once every offset below {@code offset} is durable, flushing if needed.
     *
     * @throws IOException when the fsync this caller led failed
     */
    void awaitDurable(long offset) throws IOException {
        lock.lock();
        try {
            while (durableOffset < offset) {
                if (flushing) {
                    flushDone.awaitUninterruptibly();
                    continue;
                }
                flushing = true;
                flushCount++;
                long covered = -1;
                lock.unlock();
                try {
                    covered = flusher.flushAll();
                } finally {
                    lock.lock();
                    flushing = false;
                    if (covered > durableOffset) {
                        durableOffset = covered;
                    }
                    flushDone.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many flushes ran: appends per flush shows how well commits are grouped. */
    int flushCount() {
        lock.lock();
        try {
            return flushCount;
        } finally {
            lock.unlock();
        }
    }

    /** Threads waiting for a running flush (tests). */
    int waiters() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(flushDone);
        } finally {
            lock.unlock();
        }
    }

    /** Moves the durable offset back after a truncation, or forward after a load. */
    void reset(long offset) {
        lock.lock();
        try {
            durableOffset = offset;
        } finally {
            lock.unlock();
        }
    }
}
