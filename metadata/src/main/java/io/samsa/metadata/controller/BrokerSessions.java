package io.samsa.metadata.controller;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The active controller's soft state of broker sessions: when each broker's last heartbeat (or
 * registration) arrived. Not in the metadata log (a heartbeat writes nothing unless it changes
 * fencing); a newly active controller gives every registered broker a fresh session, as Kafka's
 * does, so a broker is not fenced for heartbeats it sent to the previous controller.
 *
 * <p>Not thread-safe: the controller thread owns it.
 */
final class BrokerSessions {
    private final long sessionTimeoutMs;
    private final Map<Integer, Long> lastContactMs = new HashMap<>();

    /** @param sessionTimeoutMs how long a session lasts without a heartbeat, in ms */
    BrokerSessions(long sessionTimeoutMs) {
        this.sessionTimeoutMs = sessionTimeoutMs;
    }

    /** Forgets all sessions and starts a fresh one for each broker, as of {@code nowMs}. */
    void reset(Collection<Integer> brokerIds, long nowMs) {
        lastContactMs.clear();
        brokerIds.forEach(id -> lastContactMs.put(id, nowMs));
    }

    void touch(int brokerId, long nowMs) {
        lastContactMs.put(brokerId, nowMs);
    }

    void remove(int brokerId) {
        lastContactMs.remove(brokerId);
    }

    /** @return whether the broker heard from within the session timeout before {@code nowMs} */
    boolean hasLiveSession(int brokerId, long nowMs) {
        Long last = lastContactMs.get(brokerId);
        return last != null && nowMs - last < sessionTimeoutMs;
    }

    /** @return the brokers among {@code candidates} whose session expired by {@code nowMs} */
    List<Integer> expired(Collection<Integer> candidates, long nowMs) {
        List<Integer> expired = new ArrayList<>();
        for (int id : candidates) {
            if (!hasLiveSession(id, nowMs)) {
                expired.add(id);
            }
        }
        return expired;
    }
}
