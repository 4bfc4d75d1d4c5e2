package io.samsa.coordinator.group;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Responses held back until an event answers them, by member id, in parking order (JoinGroup
 * responses until the join phase ends, SyncGroup responses until the leader's assignment is
 * durable). In memory only. Not thread-safe: owned by the shard's event thread.
 *
 * @param <R> the domain response type
 */
public final class ParkedResponses<R> {
    private final Map<String, CompletableFuture<R>> byMemberId = new LinkedHashMap<>();

    /**
     * Parks a member's response. A member parked twice replaces its earlier response, which is
     * returned so the handler can answer it (Kafka answers it with an error).
     *
     * @return the response parked before for the same member, or null
     */
    public CompletableFuture<R> park(String memberId, CompletableFuture<R> response) {
        return byMemberId.put(memberId, response);
    }

    public boolean contains(String memberId) {
        return byMemberId.containsKey(memberId);
    }

    public int size() {
        return byMemberId.size();
    }

    /** @return the member ids with a parked response (unmodifiable live view) */
    public Set<String> memberIds() {
        return Collections.unmodifiableSet(byMemberId.keySet());
    }

    /** @return one member's parked response, removing it, or null */
    public CompletableFuture<R> take(String memberId) {
        return byMemberId.remove(memberId);
    }

    /** @return every parked response by member id, in parking order, removing them */
    public Map<String, CompletableFuture<R>> takeAll() {
        Map<String, CompletableFuture<R>> taken = new LinkedHashMap<>(byMemberId);
        byMemberId.clear();
        return taken;
    }
}
