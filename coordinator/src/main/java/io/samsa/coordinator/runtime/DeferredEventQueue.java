package io.samsa.coordinator.runtime;

import io.samsa.protocol.ErrorCode;
import java.util.ArrayDeque;

/**
 * Responses waiting for writes to become durable, in write order. Each waits for one write
 * sequence number: a write's own response waits for its own, a read or a record-less write waits
 * for the newest write in flight when it ran (its answer may depend on that write's state).
 *
 * <p>Not thread-safe: owned by the partition's event thread.
 */
final class DeferredEventQueue {
    private final ArrayDeque<DeferredEvent> events = new ArrayDeque<>();

    /** A parked answer. */
    interface DeferredEvent {
        /** @return the write sequence number that must be durable first */
        long waitsFor();

        void complete();

        void fail(ErrorCode error);
    }

    /** Sequence numbers are non-decreasing in arrival order, so the queue stays sorted. */
    void add(DeferredEvent event) {
        DeferredEvent last = events.peekLast();
        if (last != null && last.waitsFor() > event.waitsFor()) {
            throw new IllegalStateException("deferred events out of order: " + last.waitsFor() + " > " + event.waitsFor());
        }
        events.addLast(event);
    }

    /** Completes, in order, everything waiting for {@code sequence} or earlier. */
    void completeUpTo(long sequence) {
        while (!events.isEmpty() && events.peekFirst().waitsFor() <= sequence) {
            events.pollFirst().complete();
        }
    }

    /** Fails, in order, everything waiting for {@code sequence} or earlier (their writes timed out). */
    void failUpTo(long sequence, ErrorCode error) {
        while (!events.isEmpty() && events.peekFirst().waitsFor() <= sequence) {
            events.pollFirst().fail(error);
        }
    }

    /** Fails, newest last, everything waiting for {@code sequence} or later. */
    void failFrom(long sequence, ErrorCode error) {
        ArrayDeque<DeferredEvent> failed = new ArrayDeque<>();
        while (!events.isEmpty() && events.peekLast().waitsFor() >= sequence) {
            failed.addFirst(events.pollLast());
        }
        for (DeferredEvent event : failed) {
            event.fail(error);
        }
    }

    void failAll(ErrorCode error) {
        failFrom(Long.MIN_VALUE, error);
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    int size() {
        return events.size();
    }
}
