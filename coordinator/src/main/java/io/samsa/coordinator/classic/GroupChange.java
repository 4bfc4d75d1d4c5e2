package io.samsa.coordinator.classic;

import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What one classic-group operation derives: the group's next state (one {@code GROUP_METADATA}
 * record, since that record holds the whole group) and the answers to give once it is in effect,
 * or the errors to give if it cannot be. Handlers build the next state step by step here; nothing
 * is applied until the runtime replays the record.
 *
 * <p><b>What is written.</b> As in Kafka, only settled generations reach the log: a group that
 * becomes Stable (the leader's assignment) or Empty, or a change marked {@link #persist()}. While a
 * rebalance is under way (PreparingRebalance, CompletingRebalance) the record is replayed in memory
 * only. After a restart the group is back at its last settled generation, and its members rejoin
 * from there (their heartbeats get ILLEGAL_GENERATION or REBALANCE_IN_PROGRESS), which is what a
 * Kafka coordinator failover does too. Writing every rejoin would cost an append of the whole
 * group per member per rebalance, O(members^2) bytes, and hold back heartbeats behind them.
 *
 * <p>Not thread-safe: lives for one operation on the partition's event thread.
 */
final class GroupChange {
    private ClassicGroup group;
    private boolean changed;
    private boolean persist;
    private final List<Runnable> onSuccess = new ArrayList<>();
    private final List<Consumer<ErrorCode>> onFailure = new ArrayList<>();

    GroupChange(ClassicGroup group) {
        this.group = group;
    }

    ClassicGroup group() {
        return group;
    }

    String groupId() {
        return group.groupId();
    }

    void set(ClassicGroup next) {
        group = next;
        changed = true;
    }

    /** Writes the change to the log even if the group is mid-rebalance. */
    void persist() {
        persist = true;
    }

    /** Answers {@code future} with {@code success} once durable, else with {@code failure(error)}. */
    <T> void respond(CompletableFuture<T> future, T success, Function<ErrorCode, T> failure) {
        onSuccess.add(() -> future.complete(success));
        onFailure.add(error -> future.complete(failure.apply(error)));
    }

    /** Answers {@code future} with {@code failure(error)} if the change cannot be made durable. */
    <T> void respondOnFailure(CompletableFuture<T> future, Function<ErrorCode, T> failure) {
        onFailure.add(error -> future.complete(failure.apply(error)));
    }

    /** Runs {@code action} only once the change is durable. */
    void afterSuccess(Runnable action) {
        onSuccess.add(action);
    }

    /** @return the record (if the group changed) and the deferred answers, as one result */
    <T> CoordinatorResult<T> result(T response) {
        List<CoordinatorRecord> records = changed
                ? List.of(GroupCoordinatorRecords.newGroupMetadataRecord(group)) : List.of();
        boolean settled = group.isInState(ClassicGroupState.STABLE) || group.isInState(ClassicGroupState.EMPTY);
        CoordinatorResult<T> result = settled || persist
                ? CoordinatorResult.of(records, response) : CoordinatorResult.inMemory(records, response);
        return result.whenAppended(error -> {
            if (error == ErrorCode.NONE) {
                onSuccess.forEach(Runnable::run);
            } else {
                onFailure.forEach(action -> action.accept(error));
            }
        });
    }
}
