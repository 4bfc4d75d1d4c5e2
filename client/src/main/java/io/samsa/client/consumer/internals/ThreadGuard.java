package io.samsa.client.consumer.internals;

import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kafka's light lock for a consumer that is not thread-safe: the thread inside it may re-enter
 * (a rebalance listener calling back into the consumer); a second thread entering at the same time
 * gets {@link ConcurrentModificationException} instead of blocking.
 *
 * <p>Thread-safe by construction (that is its job).
 */
public final class ThreadGuard {
    private static final long NO_CURRENT_THREAD = -1L;

    private final AtomicLong currentThread = new AtomicLong(NO_CURRENT_THREAD);
    /** Re-entry depth; only the owning thread touches it. */
    private int refCount;

    public void acquire() {
        long threadId = Thread.currentThread().getId();
        if (threadId != currentThread.get() && !currentThread.compareAndSet(NO_CURRENT_THREAD, threadId)) {
            throw new ConcurrentModificationException("KafkaConsumer is not safe for multi-threaded access. currentThread(name: "
                + Thread.currentThread().getName() + ", id: " + threadId + ") otherThread(id: " + currentThread.get() + ")");
        }
        refCount++;
    }

    public void release() {
        if (--refCount == 0) {
            currentThread.set(NO_CURRENT_THREAD);
        }
    }
}
