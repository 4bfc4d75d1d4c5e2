package io.samsa.storage;

/**
 * The answer of OffsetForLeaderEpoch for one requested epoch: the largest known epoch at most the
 * requested one and the offset where it ended (the start of the next epoch, or the log end offset
 * for the latest epoch); {@link #UNDEFINED} when nothing is known.
 *
 * @param epoch     the epoch the answer is about, or -1
 * @param endOffset the first offset after that epoch, or -1
 */
public record EpochEndOffset(int epoch, long endOffset) {
    /** Kafka's UNDEFINED_EPOCH and UNDEFINED_EPOCH_OFFSET. */
    public static final EpochEndOffset UNDEFINED = new EpochEndOffset(-1, -1);
}
