package io.samsa.storage;

/**
 * A read asked for an offset below the log start offset or above the log end offset. The broker
 * maps it to OFFSET_OUT_OF_RANGE.
 */
public final class OffsetOutOfRangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long requestedOffset;
    private final long logStartOffset;
    private final long logEndOffset;

    public OffsetOutOfRangeException(TopicPartition partition, long requestedOffset, long logStartOffset, long logEndOffset) {
        super("offset " + requestedOffset + " of " + partition + " is outside [" + logStartOffset + ", " + logEndOffset + "]");
        this.requestedOffset = requestedOffset;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    public long requestedOffset() {
        return requestedOffset;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }
}
