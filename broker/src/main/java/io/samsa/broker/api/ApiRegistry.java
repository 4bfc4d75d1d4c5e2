package io.samsa.broker.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * The API handlers of a broker, looked up by API key on every request.
 *
 * <p>Immutable once built; lookups are an array index, safe from any thread.
 */
public final class ApiRegistry {
    private final ApiHandler[] byKey;
    private final List<ApiHandler> handlers;

    private ApiRegistry(TreeMap<Short, ApiHandler> handlers) {
        int size = handlers.isEmpty() ? 0 : handlers.lastKey() + 1;
        this.byKey = new ApiHandler[size];
        handlers.forEach((key, handler) -> byKey[key] = handler);
        this.handlers = List.copyOf(handlers.values());
    }

    /** @return a registry of {@code handlers} */
    public static ApiRegistry of(Collection<? extends ApiHandler> handlers) {
        TreeMap<Short, ApiHandler> map = new TreeMap<>();
        for (ApiHandler handler : handlers) {
            ApiHandler previous = map.putIfAbsent(handler.spec().apiKey(), handler);
            if (previous != null) {
                throw new IllegalArgumentException("two handlers for API key " + handler.spec().apiKey()
                        + ": " + previous.spec().name() + " and " + handler.spec().name());
            }
        }
        return new ApiRegistry(map);
    }

    /** @return a registry with no handlers: every request closes its connection */
    public static ApiRegistry empty() {
        return of(List.of());
    }

    /** @return the handler for {@code apiKey}, or null when the key is unknown */
    public ApiHandler handler(short apiKey) {
        return apiKey >= 0 && apiKey < byKey.length ? byKey[apiKey] : null;
    }

    /** @return every handler, by ascending API key (ApiVersions lists these) */
    public List<ApiHandler> handlers() {
        return new ArrayList<>(handlers);
    }
}
