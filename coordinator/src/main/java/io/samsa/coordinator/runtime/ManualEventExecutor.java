package io.samsa.coordinator.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link CoordinatorEventExecutor} that only queues: the test decides when events run, on its own
 * thread, with {@link #runNext()} or {@link #runAll()}. One FIFO queue for all partitions, which
 * trivially keeps per-partition order. Thread-safe for submitting (append futures may complete on
 * other threads); run events from one thread.
 */
public final class ManualEventExecutor implements CoordinatorEventExecutor {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean closed;

    @Override
    public synchronized void submit(int partition, Runnable event) {
        if (closed) {
            throw new RejectedExecutionException("executor closed");
        }
        queue.addLast(event);
    }

    /** @return true when an event ran */
    public boolean runNext() {
        Runnable event;
        synchronized (this) {
            event = queue.pollFirst();
        }
        if (event == null) {
            return false;
        }
        event.run();
        return true;
    }

    /**
     * Runs events until the queue is empty, including events those events submit.
     *
     * @return how many ran
     */
    public int runAll() {
        int ran = 0;
        while (runNext()) {
            ran++;
        }
        return ran;
    }

    public synchronized int pendingCount() {
        return queue.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
