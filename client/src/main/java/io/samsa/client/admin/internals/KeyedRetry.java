package io.samsa.client.admin.internals;

import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.TimeoutException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Runs an admin operation over a set of keys (topics, partitions, groups) until every key has a
 * final outcome or default.api.timeout.ms passes. Each attempt gets the keys still open and returns
 * an {@link Outcome} per key; keys with a retriable outcome go into the next attempt after an
 * exponential backoff (retry.backoff.ms doubling up to retry.backoff.max.ms). A failure of the whole
 * attempt counts for every key it covered. At the deadline, open keys fail with a
 * {@link TimeoutException} whose cause is their last error.
 *
 * <p>Attempts start on the caller's thread, retries on the network thread; nothing blocks.
 * Thread-safe: each run's state is confined to its own chain of attempts.
 */
public final class KeyedRetry<K, V> {
    private final AdminContext context;
    private final String operation;
    private final Function<Set<K>, CompletableFuture<Map<K, Outcome<V>>>> attempt;
    private final Map<K, CompletableFuture<V>> results = new LinkedHashMap<>();
    private final long deadlineMs;
    private int attempts;

    private KeyedRetry(AdminContext context, String operation, Collection<K> keys,
                       Function<Set<K>, CompletableFuture<Map<K, Outcome<V>>>> attempt) {
        this.context = context;
        this.operation = operation;
        this.attempt = attempt;
        this.deadlineMs = context.nowMs() + context.defaultApiTimeoutMs();
        for (K key : keys) {
            results.put(key, new CompletableFuture<>());
        }
    }

    /**
     * @param operation for error messages ("createTopics")
     * @param attempt   one try for the open keys; must return an outcome for each or fail as a whole
     * @return one future per key, in the order of {@code keys}
     */
    public static <K, V> Map<K, CompletableFuture<V>> run(AdminContext context, String operation, Collection<K> keys,
                                                           Function<Set<K>, CompletableFuture<Map<K, Outcome<V>>>> attempt) {
        KeyedRetry<K, V> run = new KeyedRetry<>(context, operation, keys, attempt);
        if (!run.results.isEmpty()) {
            run.next(new HashSet<>(run.results.keySet()), Map.of());
        }
        return run.results;
    }

    /** A single-key operation. */
    public static <V> CompletableFuture<V> runOne(AdminContext context, String operation,
                                                  java.util.function.Supplier<CompletableFuture<Outcome<V>>> attempt) {
        return run(context, operation, Set.of(operation), keys -> attempt.get().thenApply(o -> Map.of(operation, o)))
            .get(operation);
    }

    private void next(Set<K> open, Map<K, Throwable> lastErrors) {
        attempts++;
        CompletableFuture<Map<K, Outcome<V>>> tried;
        try {
            tried = attempt.apply(Set.copyOf(open));
        } catch (RuntimeException e) {
            tried = CompletableFuture.failedFuture(e);
        }
        tried.whenComplete((outcomes, error) -> settle(open, outcomes, unwrap(error)));
    }

    private void settle(Set<K> open, Map<K, Outcome<V>> outcomes, Throwable wholeError) {
        Set<K> again = new HashSet<>();
        Map<K, Throwable> errors = new LinkedHashMap<>();
        for (K key : open) {
            Outcome<V> outcome = wholeError != null ? Outcome.of(wholeError) : outcomes.get(key);
            if (outcome == null) {
                outcome = Outcome.fail(new KafkaException(operation + ": the broker's response omitted " + key));
            }
            if (outcome.error() == null) {
                results.get(key).complete(outcome.value());
            } else if (!outcome.retry()) {
                results.get(key).completeExceptionally(outcome.error());
            } else {
                again.add(key);
                errors.put(key, outcome.error());
            }
        }
        if (again.isEmpty()) {
            return;
        }
        long backoffMs = Math.min(context.retryBackoffMaxMs(), context.retryBackoffMs() << Math.min(attempts - 1, 16));
        long remainingMs = deadlineMs - context.nowMs();
        if (remainingMs <= backoffMs) {
            for (K key : again) {
                Throwable last = errors.get(key);
                results.get(key).completeExceptionally(new TimeoutException(operation + " did not finish for " + key
                    + " within default.api.timeout.ms (" + context.defaultApiTimeoutMs() + " ms); last error: " + last, last));
            }
            return;
        }
        try {
            context.network().schedule(() -> next(again, errors), backoffMs);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            again.forEach(key -> results.get(key).completeExceptionally(
                new io.samsa.client.errors.NetworkException(operation + ": the admin client is closed", errors.get(key))));
        }
    }

    static Throwable unwrap(Throwable error) {
        while (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
