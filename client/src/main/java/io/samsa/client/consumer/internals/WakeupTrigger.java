package io.samsa.client.consumer.internals;

import io.samsa.client.errors.InterruptException;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.WakeupException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets {@code wakeup()} (any thread) interrupt the application thread's blocking wait: a pending
 * wakeup makes the current or next wait throw {@link WakeupException}. Also carries the "data
 * arrived" signal the network thread raises so a waiting poll returns early.
 *
 * <p>Thread-safe.
 */
public final class WakeupTrigger {
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Object monitor = new Object();
    /** Signals raised so far, and how many a waiter has seen; guarded by monitor. */
    private long signals;
    private long seenSignals;

    /** Called by wakeup(): the blocking call in progress, or the next one, throws WakeupException. */
    public void wakeup() {
        pending.set(true);
        signal();
    }

    /** Wakes a waiting application thread without an exception (a response arrived). */
    public void signal() {
        synchronized (monitor) {
            signals++;
            monitor.notifyAll();
        }
    }

    /** Throws WakeupException when a wakeup is pending (and clears it). */
    public void maybeTriggerWakeup() {
        if (pending.getAndSet(false)) {
            throw new WakeupException();
        }
    }

    /**
     * Waits up to {@code timeoutMs} real milliseconds for {@code future} or, when it is null, for a
     * signal not seen by an earlier wait; throws WakeupException on a wakeup.
     *
     * @return whether the future is done
     */
    public boolean await(CompletableFuture<?> future, long timeoutMs) {
        long deadlineNs = System.nanoTime() + Math.max(0, timeoutMs) * 1_000_000L;
        if (future != null && !future.isDone()) {
            future.whenComplete((v, e) -> signal());
        }
        synchronized (monitor) {
            while (true) {
                maybeTriggerWakeup();
                if (future != null && future.isDone()) {
                    return true;
                }
                if (future == null && signals != seenSignals) {
                    seenSignals = signals;
                    return false;
                }
                long remainingNs = deadlineNs - System.nanoTime();
                if (remainingNs <= 0) {
                    return false;
                }
                try {
                    monitor.wait(Math.max(1, remainingNs / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptException(e);
                }
            }
        }
    }

    /** The value of a completed future, with its failure unwrapped into a KafkaException. */
    public static <T> T valueOf(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw asKafkaException(e.getCause() == null ? e : e.getCause());
        }
    }

    public static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    public static KafkaException asKafkaException(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof KafkaException k ? k : new KafkaException(cause);
    }
}
