package io.samsa.metadata.quorum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Futures waiting for the state machine's applied index to reach a log index: {@link #await}
 * hands one out, {@link #advance} completes those the applied index has reached, {@link #fail}
 * fails the rest (the state machine closed). Futures complete outside the lock, on the thread
 * that advanced or failed them.
 *
 * <p>Thread-safe: the applying thread advances, any thread awaits.
 */
final class AppliedIndexWaiters {
    private final NavigableMap<Long, List<CompletableFuture<Void>>> waiting = new TreeMap<>();
    private long applied = -1;
    private Throwable failure;

    /** @return a future completed once the applied index is at least {@code index} (at once if it is) */
    CompletableFuture<Void> await(long index) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        Throwable failed;
        synchronized (this) {
            failed = failure;
            if (failed == null && applied < index) {
                List<CompletableFuture<Void>> atIndex = waiting.computeIfAbsent(index, i -> new ArrayList<>());
                atIndex.removeIf(CompletableFuture::isDone); // waits that timed out (observers' long polls)
                atIndex.add(future);
                return future;
            }
        }
        if (failed != null) {
            future.completeExceptionally(failed);
        } else {
            future.complete(null);
        }
        return future;
    }

    /** Records that every entry up to {@code index} is applied. */
    void advance(long index) {
        List<CompletableFuture<Void>> reached = new ArrayList<>();
        synchronized (this) {
            applied = Math.max(applied, index);
            Map<Long, List<CompletableFuture<Void>>> head = waiting.headMap(applied, true);
            head.values().forEach(reached::addAll);
            head.clear();
        }
        reached.forEach(f -> f.complete(null));
    }

    /** Fails every future waiting now and every one asked for from now on. */
    void fail(Throwable cause) {
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        synchronized (this) {
            failure = cause;
            waiting.values().forEach(failed::addAll);
            waiting.clear();
        }
        failed.forEach(f -> f.completeExceptionally(cause));
    }
}
