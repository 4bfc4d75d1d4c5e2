package io.samsa.client.admin;

/**
 * How far a group's committed offset trails a partition's log end. Immutable.
 *
 * @param committedOffset the group's committed offset
 * @param logEndOffset    the partition's log end offset (next offset to be written)
 */
public record PartitionLag(long committedOffset, long logEndOffset) {

    /** Records between the committed position and the log end; never negative. */
    public long lag() {
        return Math.max(0, logEndOffset - committedOffset);
    }
}
