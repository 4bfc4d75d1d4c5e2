package io.samsa.client.admin.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.samsa.client.errors.LeaderNotAvailableException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.client.errors.TopicExistsException;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.client.internals.network.NetworkConfig;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-key retries of admin operations, with a manual clock for the deadline. */
class KeyedRetryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ManualTime time = new ManualTime();
    private final NetworkClient network = new NetworkClient(NetworkConfig.defaults("retry-test"), time);
    private final AdminContext context = new AdminContext(network, null, null, 1_000, 500, 1, 4);

    @AfterEach
    void tearDown() {
        network.close();
    }

    private static Throwable failure(CompletableFuture<?> future) {
        Await.until(WAIT, "the key to fail", future::isDone);
        try {
            future.join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void onlyRetriableKeysAreTriedAgain() {
        List<Set<String>> attempts = new CopyOnWriteArrayList<>();
        Map<String, CompletableFuture<String>> results = KeyedRetry.run(context, "op", List.of("ok", "exists", "moving"), open -> {
            attempts.add(open);
            Map<String, Outcome<String>> outcomes = new HashMap<>();
            for (String key : open) {
                switch (key) {
                    case "ok" -> outcomes.put(key, Outcome.ok("done"));
                    case "exists" -> outcomes.put(key, Outcome.of(new TopicExistsException("exists")));
                    default -> outcomes.put(key, attempts.size() < 3
                        ? Outcome.of(new LeaderNotAvailableException("moving")) : Outcome.ok("moved"));
                }
            }
            return CompletableFuture.completedFuture(outcomes);
        });
        assertEquals("done", results.get("ok").join());
        assertInstanceOf(TopicExistsException.class, failure(results.get("exists")));
        Await.until(WAIT, "the retried key", () -> results.get("moving").isDone());
        assertEquals("moved", results.get("moving").join());
        assertEquals(List.of(Set.of("ok", "exists", "moving"), Set.of("moving"), Set.of("moving")), new ArrayList<>(attempts));
    }

    @Test
    void aWholeAttemptFailureCountsForEveryKey() {
        LeaderNotAvailableException retriable = new LeaderNotAvailableException("down");
        Map<String, CompletableFuture<String>> results = KeyedRetry.run(context, "op", List.of("a", "b"), open -> {
            time.advance(400);
            return CompletableFuture.failedFuture(retriable);
        });
        Throwable a = failure(results.get("a"));
        assertInstanceOf(TimeoutException.class, a, "retried until default.api.timeout.ms (1000 ms) passed");
        assertSame(retriable, a.getCause());
        assertInstanceOf(TimeoutException.class, failure(results.get("b")));
    }

    @Test
    void aKeyTheResponseOmitsFails() {
        CompletableFuture<String> result = KeyedRetry.<String, String>run(context, "op", List.of("x"),
            open -> CompletableFuture.completedFuture(Map.of())).get("x");
        assertEquals(true, failure(result).getMessage().contains("omitted"));
    }
}
