package io.samsa.client.producer.internals;

import io.samsa.client.errors.InterruptException;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.protocol.util.Time;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The outcome of one blocking transactional call (initTransactions, sendOffsetsToTransaction,
 * commitTransaction, abortTransaction): completed by the sender thread, awaited by the caller for at
 * most max.block.ms. A call that timed out leaves the result pending; calling the same method again
 * awaits the same result (kafka-clients 4.x: a retried call resumes).
 *
 * <p>Thread-safe.
 */
public final class TransactionalRequestResult {
    /** Longest single wait, so a manual clock moved by a test is noticed. */
    private static final long WAIT_SLICE_MS = 10;

    private final String operation;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    /** @param operation what the caller waits for, for the timeout message ("InitProducerId", "EndTxn(true)") */
    public TransactionalRequestResult(String operation) {
        this.operation = operation;
    }

    public String operation() {
        return operation;
    }

    void succeed() {
        done.complete(null);
    }

    void fail(RuntimeException error) {
        done.completeExceptionally(error);
    }

    public boolean isCompleted() {
        return done.isDone();
    }

    public boolean isSuccessful() {
        return done.isDone() && !done.isCompletedExceptionally();
    }

    /**
     * Waits until the result is completed, by {@code time}'s clock.
     *
     * @param maxBlockMs how long to wait, in milliseconds
     * @throws TimeoutException when it is still pending after maxBlockMs
     * @throws KafkaException   the failure the sender completed it with
     */
    public void await(Time time, long maxBlockMs) {
        long startMs = time.milliseconds();
        while (true) {
            try {
                done.get(WAIT_SLICE_MS, TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                if (time.milliseconds() - startMs >= maxBlockMs) {
                    throw new TimeoutException("Timeout expired after " + maxBlockMs + "ms while awaiting " + operation);
                }
            } catch (InterruptedException e) {
                throw new InterruptException("Interrupted while awaiting " + operation, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof KafkaException kafka ? kafka : new KafkaException(cause);
            }
        }
    }
}
