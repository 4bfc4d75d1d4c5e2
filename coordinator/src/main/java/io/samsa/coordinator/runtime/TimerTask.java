package io.samsa.coordinator.runtime;

/**
 * What a timer does when it fires: an ordinary write operation on the partition's event thread,
 * whose records are appended and replayed like those of a request.
 */
@FunctionalInterface
public interface TimerTask {

    /** @param nowMs the firing time, wall-clock ms */
    CoordinatorResult<Void> run(long nowMs);
}
