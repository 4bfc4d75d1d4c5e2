package io.samsa.coordinator.runtime;

import io.samsa.protocol.util.Time;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The {@link CoordinatorTimer} of one partition: a priority queue by deadline plus a map by key.
 * Replaced and cancelled timers stay in the queue and are skipped when they surface (their entry no
 * longer matches the map), which keeps schedule and cancel O(log n).
 *
 * <p>Not thread-safe, except {@link #nextDeadlineMs()}, which the runtime's ticker reads from its
 * own thread to decide whether to submit a firing event.
 */
final class ShardTimer implements CoordinatorTimer {
    private final Time time;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final Map<TimerKey, Entry> byKey = new HashMap<>();
    private long nextSequence;
    private volatile long nextDeadlineMs = Long.MAX_VALUE;

    /** One scheduled timer; {@code sequence} orders timers with equal deadlines by scheduling order. */
    record Entry(long deadlineMs, long sequence, TimerKey key, TimerTask task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byDeadline = Long.compare(deadlineMs, other.deadlineMs);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    ShardTimer(Time time) {
        this.time = time;
    }

    @Override
    public void schedule(TimerKey key, long delayMs, TimerTask task) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("negative delay " + delayMs + " for " + key);
        }
        Entry entry = new Entry(time.milliseconds() + delayMs, nextSequence++, key, task);
        byKey.put(key, entry);
        queue.add(entry);
        refreshNextDeadline();
    }

    @Override
    public void cancel(TimerKey key) {
        if (byKey.remove(key) != null) {
            refreshNextDeadline();
        }
    }

    @Override
    public boolean isScheduled(TimerKey key) {
        return byKey.containsKey(key);
    }

    /** @return the earliest live deadline, wall-clock ms, or Long.MAX_VALUE; readable from any thread */
    long nextDeadlineMs() {
        return nextDeadlineMs;
    }

    /** @return true when some timer is due at {@code nowMs}; readable from any thread */
    boolean hasDue(long nowMs) {
        long next = nextDeadlineMs;
        return next != Long.MAX_VALUE && next - nowMs <= 0;
    }

    /** @return the sequence number the next scheduled timer will get; bounds one firing round */
    long nextSequence() {
        return nextSequence;
    }

    /**
     * Removes and returns the earliest live timer due at {@code nowMs} that was scheduled before
     * {@code sequenceBound}, or null. Taking one at a time lets a firing timer cancel or replace
     * timers that are also due; the bound stops a timer that reschedules itself with delay 0 from
     * firing again in the same round.
     */
    Entry pollDue(long nowMs, long sequenceBound) {
        refreshNextDeadline();
        List<Entry> skipped = new ArrayList<>();
        Entry found = null;
        while (!queue.isEmpty() && queue.peek().deadlineMs() - nowMs <= 0) {
            Entry entry = queue.poll();
            if (byKey.get(entry.key()) != entry) {
                continue;
            }
            if (entry.sequence() >= sequenceBound) {
                skipped.add(entry);
                continue;
            }
            byKey.remove(entry.key());
            found = entry;
            break;
        }
        queue.addAll(skipped);
        refreshNextDeadline();
        return found;
    }

    /** Forgets every timer (the partition is unloaded). */
    void clear() {
        queue.clear();
        byKey.clear();
        refreshNextDeadline();
    }

    int size() {
        return byKey.size();
    }

    private void refreshNextDeadline() {
        while (!queue.isEmpty() && byKey.get(queue.peek().key()) != queue.peek()) {
            queue.poll();
        }
        nextDeadlineMs = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().deadlineMs();
    }
}
