package io.samsa.benchmarks.sidebyside;

import java.time.Duration;

/**
 * A task on a thread of its own (the consumer side of a latency run) whose failure the thread that
 * started it sees when it waits for it.
 *
 * <p>Start and await from one thread.
 */
final class BackgroundTask {
    private final Thread thread;
    private volatile Throwable failure;

    private BackgroundTask(String name, Runnable task) {
        this.thread = new Thread(task, name);
        thread.setUncaughtExceptionHandler((t, e) -> failure = e);
    }

    static BackgroundTask start(String name, Runnable task) {
        BackgroundTask background = new BackgroundTask(name, task);
        background.thread.start();
        return background;
    }

    /** @throws IllegalStateException naming {@code what} when the task failed or is still running after {@code timeout} */
    void await(Duration timeout, String what) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (thread.isAlive() || failure != null) {
            throw new IllegalStateException(what + ": " + (failure != null ? failure : "still running after " + timeout));
        }
    }
}
