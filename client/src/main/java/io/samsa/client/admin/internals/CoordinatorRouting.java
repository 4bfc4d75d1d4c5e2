package io.samsa.client.admin.internals;

import io.samsa.client.common.Node;
import io.samsa.client.errors.CoordinatorNotAvailableException;
import io.samsa.client.errors.NetworkException;
import io.samsa.client.errors.NotCoordinatorException;
import io.samsa.client.internals.metadata.CoordinatorType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * One attempt of a per-group operation: find each group's coordinator (cached, batched lookups),
 * send one request per coordinator, and forget a coordinator whose answer says it moved
 * (NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, or a lost connection), so the retry looks it up again.
 *
 * <p>Stateless; thread-safe.
 */
final class CoordinatorRouting {
    private CoordinatorRouting() {
    }

    static <V> CompletableFuture<Map<String, Outcome<V>>> attempt(
            AdminContext context, Set<String> groups,
            BiFunction<Node, Set<String>, CompletableFuture<Map<String, Outcome<V>>>> send) {
        Map<String, CompletableFuture<Node>> lookups = context.coordinators().findAll(CoordinatorType.GROUP, groups);
        return CompletableFuture.allOf(lookups.values().stream().map(f -> f.handle((n, e) -> null))
                .toArray(CompletableFuture<?>[]::new))
            .thenCompose(found -> {
                Map<String, Outcome<V>> outcomes = new HashMap<>();
                Map<Node, Set<String>> byCoordinator = new HashMap<>();
                lookups.forEach((group, lookup) -> {
                    if (lookup.isCompletedExceptionally()) {
                        outcomes.put(group, Outcome.of(KeyedRetry.unwrap(lookup.handle((n, e) -> e).join())));
                    } else {
                        byCoordinator.computeIfAbsent(lookup.join(), n -> new HashSet<>()).add(group);
                    }
                });
                List<CompletableFuture<Map<String, Outcome<V>>>> sends = new ArrayList<>();
                byCoordinator.forEach((node, members) -> sends.add(send.apply(node, members).exceptionally(error -> {
                    Map<String, Outcome<V>> failed = new HashMap<>();
                    members.forEach(g -> failed.put(g, Outcome.of(KeyedRetry.unwrap(error))));
                    return failed;
                })));
                return CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
                    sends.forEach(f -> outcomes.putAll(f.join()));
                    outcomes.forEach((group, outcome) -> {
                        if (movedCoordinator(outcome.error())) {
                            context.coordinators().invalidate(CoordinatorType.GROUP, group);
                        }
                    });
                    return outcomes;
                });
            });
    }

    static boolean movedCoordinator(Throwable error) {
        return error instanceof NotCoordinatorException || error instanceof CoordinatorNotAvailableException
            || error instanceof NetworkException;
    }
}
