package io.samsa.client.errors;

/**
 * An offset commit failed for good, because the group rebalanced and the partitions may now belong
 * to another member. Not retriable: the application has to poll again, rejoin, and reprocess.
 *
 * <p>Immutable; safe to share between threads.
 */
public class CommitFailedException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public CommitFailedException(String message) {
        super(message);
    }

    public CommitFailedException() {
        super("Commit cannot be completed since the group has already rebalanced and assigned the partitions to "
            + "another member. This means that the time between subsequent calls to poll() was longer than the "
            + "configured max.poll.interval.ms, which typically implies that the poll loop is spending too much "
            + "time message processing. You can address this either by increasing max.poll.interval.ms or by "
            + "reducing the maximum size of batches returned in poll() with max.poll.records.");
    }
}
