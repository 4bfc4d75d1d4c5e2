package io.samsa.client.consumer.internals;

import io.samsa.client.errors.InterruptException;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.WakeupException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
    private volatile CompletableFuture<Void> signal = new CompletableFuture<>();

    /** Called by wakeup(): the blocking call in progress, or the next one, throws WakeupException. */
    public void wakeup() {
        pending.set(true);
        signal.complete(null);
    }

    /** Wakes a waiting application thread without an exception (a response arrived). */
    public void signal() {
        signal.complete(null);
    }

    /** Throws WakeupException when a wakeup is pending (and clears it). */
    public void maybeTriggerWakeup() {
        if (pending.getAndSet(false)) {
            throw new WakeupException();
        }
    }

    /**
     * Waits up to {@code timeoutMs} real milliseconds for {@code future}, a signal or a wakeup.
     *
     * @return whether the future is done
     */
    public boolean await(CompletableFuture<?> future, long timeoutMs) {
        maybeTriggerWakeup();
        if (future != null && future.isDone()) {
            return true;
        }
        CompletableFuture<Void> current = signal;
        if (current.isDone()) {
            signal = current = new CompletableFuture<>();
            if (pending.get()) {
                current.complete(null);
            }
        }
        if (timeoutMs > 0) {
            CompletableFuture<?> any = future == null ? current : CompletableFuture.anyOf(future, current);
            try {
                any.get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // the caller reads the outcome from the future itself
            }
        }
        maybeTriggerWakeup();
        return future != null && future.isDone();
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
