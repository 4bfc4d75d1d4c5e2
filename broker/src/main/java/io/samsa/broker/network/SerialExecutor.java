package io.samsa.broker.network;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one after another, in submission order, on a shared executor: one connection's
 * order-sensitive requests (Produce) start only after the previous one's handler returned, as
 * Kafka handles one request per connection at a time, while other connections keep the whole pool.
 *
 * <p>Thread-safe. A submission that finds the queue idle hands a drain loop to the delegate (which
 * may throw {@code RejectedExecutionException} to the submitter); otherwise the running drain
 * picks the task up.
 */
final class SerialExecutor implements Executor {
    private final Executor delegate;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            queue.addLast(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            delegate.execute(this::drain);
        } catch (RuntimeException e) {
            synchronized (this) {
                queue.remove(task);
                draining = false;
            }
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.pollFirst();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            next.run();
        }
    }
}
