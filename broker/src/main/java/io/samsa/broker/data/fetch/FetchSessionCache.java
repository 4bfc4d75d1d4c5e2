package io.samsa.broker.data.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The incremental fetch sessions, at most {@code max.incremental.fetch.session.cache.slots} of them
 * (least recently used evicted first; an evicted session's client gets FETCH_SESSION_ID_NOT_FOUND
 * and starts a new one), and idle ones dropped after {@link #IDLE_EXPIRY}. With 0 slots no
 * session is ever created and every fetch is answered as a full, session-less one.
 *
 * <p>Thread-safe.
 */
final class FetchSessionCache {
    /** A session nobody fetched with for this long is forgotten. */
    static final Duration IDLE_EXPIRY = Duration.ofMinutes(2);

    private final int slots;
    private final Cache<Integer, FetchSession> sessions;

    FetchSessionCache(int slots) {
        this.slots = slots;
        this.sessions = Caffeine.newBuilder().maximumSize(Math.max(slots, 0)).expireAfterAccess(IDLE_EXPIRY).build();
    }

    /** @return the session, or null when unknown (never created, closed or evicted) */
    FetchSession get(int id) {
        return sessions.getIfPresent(id);
    }

    /** @return a new empty session, or null when sessions are disabled */
    FetchSession create() {
        if (slots <= 0) {
            return null;
        }
        while (true) {
            int id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            FetchSession session = new FetchSession(id);
            if (sessions.asMap().putIfAbsent(id, session) == null) {
                return session;
            }
        }
    }

    void remove(int id) {
        sessions.invalidate(id);
    }
}
