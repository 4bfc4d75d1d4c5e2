package io.samsa.coordinator.runtime;

import io.samsa.protocol.ErrorCode;
import java.util.EnumSet;
import java.util.Set;

/**
 * The life of one {@code __consumer_offsets} partition in this coordinator. A partition we hold no
 * state for at all answers {@link ErrorCode#NOT_COORDINATOR}. Immutable; thread-safe.
 *
 * <pre>
 *   (scheduleLoad) ──► LOADING ──ok──► ACTIVE ──(scheduleUnload)──► CLOSED
 *                         └──error──► FAILED ──(scheduleUnload)───────┘
 * </pre>
 */
public enum CoordinatorPartitionState {

    /** Replaying the log. Every request: COORDINATOR_LOAD_IN_PROGRESS. Leaves: load ends -> ACTIVE or FAILED; unload -> CLOSED. */
    LOADING,

    /** Serving. Requests run; timers fire. Leaves: unload -> CLOSED. */
    ACTIVE,

    /** Loading failed; the broker should give up the partition. Every request: NOT_COORDINATOR. Leaves: unload -> CLOSED. */
    FAILED,

    /** Given up; parked and in-flight requests were answered NOT_COORDINATOR. Final. */
    CLOSED;

    /** @return the states this one may follow */
    public Set<CoordinatorPartitionState> validPreviousStates() {
        return switch (this) {
            case LOADING -> EnumSet.noneOf(CoordinatorPartitionState.class);
            case ACTIVE, FAILED -> EnumSet.of(LOADING);
            case CLOSED -> EnumSet.of(LOADING, ACTIVE, FAILED);
        };
    }

    public boolean canTransitionFrom(CoordinatorPartitionState from) {
        return validPreviousStates().contains(from);
    }

    /** @return the error a request gets in this state, or NONE when it is served */
    public ErrorCode requestError() {
        return switch (this) {
            case LOADING -> ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
            case ACTIVE -> ErrorCode.NONE;
            case FAILED, CLOSED -> ErrorCode.NOT_COORDINATOR;
        };
    }
}
