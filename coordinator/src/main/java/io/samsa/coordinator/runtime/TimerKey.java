package io.samsa.coordinator.runtime;

/**
 * Names a timer so it can be replaced or cancelled. Implement it with records (value equality),
 * one record type per kind of deadline, e.g. {@code HeartbeatDeadline(groupId, memberId)}; never
 * with concatenated strings.
 */
public interface TimerKey {
}
