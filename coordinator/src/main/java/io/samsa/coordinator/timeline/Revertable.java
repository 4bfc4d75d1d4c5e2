package io.samsa.coordinator.timeline;

/**
 * A data structure whose changes can be undone back to a snapshot of its {@link SnapshotRegistry}.
 * Implementations register themselves with the registry on their first change under a snapshot.
 * Not thread-safe: called only by the thread that owns the registry.
 */
interface Revertable {

    /** Undoes every change made since snapshot {@code epoch} was taken, newest first. */
    void revertTo(long epoch);

    /**
     * Forgets how to undo changes made under snapshots up to and including {@code epoch}; they are
     * durable now.
     *
     * @return true when nothing is left to undo
     */
    boolean compactUpTo(long epoch);
}
