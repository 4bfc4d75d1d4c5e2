package io.samsa.client.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The result of an admin operation over several keys (topics, partitions, groups): one future per
 * key, so one key's failure does not hide the others' results, and {@link #all()} for callers who
 * want everything or the first failure. Futures complete on the client's network thread; do not block
 * in code chained on them.
 *
 * <p>Immutable; thread-safe.
 */
public final class AdminResult<K, V> {
    private final Map<K, CompletableFuture<V>> values;

    public AdminResult(Map<K, CompletableFuture<V>> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** One future per key, in request order. */
    public Map<K, CompletableFuture<V>> values() {
        return values;
    }

    /** The future of one key; null when the key was not part of the request. */
    public CompletableFuture<V> value(K key) {
        return values.get(key);
    }

    /** Every key's value, or the first failure. */
    public CompletableFuture<Map<K, V>> all() {
        return CompletableFuture.allOf(values.values().toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            Map<K, V> result = new LinkedHashMap<>();
            values.forEach((key, future) -> result.put(key, future.join()));
            return result;
        });
    }
}
