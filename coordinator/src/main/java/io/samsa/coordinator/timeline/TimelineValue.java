package io.samsa.coordinator.timeline;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * One value that can be reverted to any live snapshot of its {@link SnapshotRegistry}: the scalar
 * counterpart of {@link TimelineHashMap} (a group's epoch, say). While a snapshot is live each
 * {@link #set} remembers the previous value with the newest live snapshot; reverting restores it.
 * The value must not be null and should be immutable.
 *
 * <p>Not thread-safe: owned by the shard's event thread.
 *
 * @param <T> the value type
 */
public final class TimelineValue<T> implements Revertable {
    private final SnapshotRegistry registry;
    private final ArrayDeque<Undo<T>> undoLog = new ArrayDeque<>();
    private T current;

    /** One remembered change: under snapshot {@code epoch} the value was {@code previous}. */
    private record Undo<T>(long epoch, T previous) {
    }

    /** @param initial the value before any change; not null */
    public TimelineValue(SnapshotRegistry registry, T initial) {
        this.registry = Objects.requireNonNull(registry);
        this.current = Objects.requireNonNull(initial, "initial");
    }

    public T get() {
        return current;
    }

    public void set(T value) {
        Objects.requireNonNull(value, "value");
        if (value.equals(current)) {
            return;
        }
        long epoch = registry.currentEpoch();
        if (epoch >= 0) {
            if (undoLog.isEmpty()) {
                registry.markDirty(this);
            }
            undoLog.addLast(new Undo<>(epoch, current));
        }
        current = value;
    }

    @Override
    public void revertTo(long epoch) {
        while (!undoLog.isEmpty() && undoLog.peekLast().epoch() >= epoch) {
            current = undoLog.removeLast().previous();
        }
    }

    @Override
    public boolean compactUpTo(long epoch) {
        while (!undoLog.isEmpty() && undoLog.peekFirst().epoch() <= epoch) {
            undoLog.removeFirst();
        }
        return undoLog.isEmpty();
    }

    @Override
    public String toString() {
        return String.valueOf(current);
    }
}
