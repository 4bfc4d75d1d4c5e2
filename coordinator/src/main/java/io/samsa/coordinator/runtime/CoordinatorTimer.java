package io.samsa.coordinator.runtime;

/**
 * Keyed deadlines of one partition. Scheduling a key that is already scheduled replaces the old
 * timer, which then never fires. Due timers fire as events on the partition's event thread, in
 * deadline order (ties in scheduling order), driven by the runtime's injected clock.
 *
 * <p>Not thread-safe: use it only from the partition's event thread.
 */
public interface CoordinatorTimer {

    /**
     * @param delayMs how long from now, in ms; 0 fires at the next timer check
     */
    void schedule(TimerKey key, long delayMs, TimerTask task);

    /** Cancels the timer; nothing happens when the key is not scheduled. */
    void cancel(TimerKey key);

    boolean isScheduled(TimerKey key);
}
