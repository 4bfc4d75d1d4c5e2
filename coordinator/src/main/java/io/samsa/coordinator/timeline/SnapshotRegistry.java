package io.samsa.coordinator.timeline;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Snapshots of one coordinator shard's state, so a failed append is undone by reverting, not by
 * hand-written inverse operations.
 *
 * <p>Model: before the records of write {@code n} are replayed, the runtime takes snapshot
 * {@code n} (a strictly increasing number). Every change a {@link TimelineHashMap} sees while a
 * snapshot is live is remembered together with the newest live snapshot. {@link #revertTo(long)}
 * undoes everything since that snapshot; {@link #commitUpTo(long)} forgets snapshots whose writes
 * are durable. With no live snapshot (loading, or nothing in flight) changes cost nothing extra.
 *
 * <pre>
 *   snapshot 7 ── replay write 7 ── snapshot 8 ── replay write 8
 *        append 7 ok  -> commitUpTo(7): changes tagged 7 forgotten
 *        append 8 fails -> revertTo(8): changes tagged 8 undone
 * </pre>
 *
 * <p>Only structures with pending undo information are visited on revert or commit, so the cost is
 * proportional to the changes in flight, not to the size of the state.
 *
 * <p>Not thread-safe: owned by the shard's event thread.
 */
public final class SnapshotRegistry {
    private final ArrayDeque<Long> liveEpochs = new ArrayDeque<>();
    private final Set<Revertable> dirty = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * @param epoch the snapshot's number; greater than every live or earlier snapshot's
     */
    public void createSnapshot(long epoch) {
        Long newest = liveEpochs.peekLast();
        if (newest != null && epoch <= newest) {
            throw new IllegalArgumentException("snapshot " + epoch + " is not after " + newest);
        }
        liveEpochs.addLast(epoch);
    }

    /** @return true while at least one snapshot can still be reverted to */
    public boolean hasSnapshots() {
        return !liveEpochs.isEmpty();
    }

    /** @return the epoch changes are tagged with now, or -1 when no snapshot is live */
    long currentEpoch() {
        Long newest = liveEpochs.peekLast();
        return newest == null ? -1 : newest;
    }

    /** Called by a structure on its first change that needs undo information. */
    void markDirty(Revertable revertable) {
        dirty.add(revertable);
    }

    /**
     * Restores the state as it was when snapshot {@code epoch} was taken and drops that snapshot
     * and every later one.
     */
    public void revertTo(long epoch) {
        if (!liveEpochs.contains(epoch)) {
            throw new IllegalArgumentException("no live snapshot " + epoch + "; live: " + liveEpochs);
        }
        for (Revertable revertable : dirty) {
            revertable.revertTo(epoch);
        }
        while (!liveEpochs.isEmpty() && liveEpochs.peekLast() >= epoch) {
            liveEpochs.removeLast();
        }
        if (liveEpochs.isEmpty()) {
            compact(Long.MAX_VALUE);
        }
    }

    /** Forgets every snapshot up to and including {@code epoch}: those writes are durable. */
    public void commitUpTo(long epoch) {
        while (!liveEpochs.isEmpty() && liveEpochs.peekFirst() <= epoch) {
            liveEpochs.removeFirst();
        }
        compact(liveEpochs.isEmpty() ? Long.MAX_VALUE : epoch);
    }

    private void compact(long epoch) {
        dirty.removeIf(revertable -> revertable.compactUpTo(epoch));
    }
}
