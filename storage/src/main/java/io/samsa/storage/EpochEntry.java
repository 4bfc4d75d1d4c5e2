package io.samsa.storage;

/**
 * One leader epoch of a partition and the first offset written in it.
 *
 * @param epoch       the leader epoch (0 or more)
 * @param startOffset the offset of the first batch appended under it
 */
public record EpochEntry(int epoch, long startOffset) {
}
