package io.samsa.broker.data.partitions;

import io.samsa.protocol.ErrorCode;
import io.samsa.storage.LogManager;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Finds the log of a partition named in a request. The topic registry keeps storage in step with
 * its topics, so a partition has a log exactly when it exists; a name that is not even a valid
 * partition (null, empty, negative index) simply has none. In cluster mode a broker holds the logs
 * of its replicas only: a partition the topics know but that has no log here is another broker's,
 * which Kafka answers with NOT_LEADER_OR_FOLLOWER (the client refreshes its metadata), not
 * UNKNOWN_TOPIC_OR_PARTITION.
 *
 * <p>Thread-safe, as {@link LogManager} is.
 */
public final class PartitionLookup {
    private final Supplier<LogManager> logs;
    private final BiPredicate<String, Integer> known;

    /** @param logs the log manager, looked up per call (it is usable only once storage started) */
    public PartitionLookup(Supplier<LogManager> logs) {
        this(logs, (topic, partition) -> false);
    }

    /** @param known whether a topic partition exists (in the topic registry), wherever its replicas are */
    public PartitionLookup(Supplier<LogManager> logs, BiPredicate<String, Integer> known) {
        this.logs = logs;
        this.known = known;
    }

    /** @return the partition's log, or empty when the topic or partition is unknown */
    public Optional<PartitionLog> log(String topic, int partition) {
        if (topic == null || topic.isEmpty() || partition < 0) {
            return Optional.empty();
        }
        return logs.get().getLog(new TopicPartition(topic, partition));
    }

    /** @return the error for a partition without a log here: NOT_LEADER_OR_FOLLOWER if it exists elsewhere */
    public ErrorCode missing(String topic, int partition) {
        return topic != null && partition >= 0 && known.test(topic, partition) ? ErrorCode.NOT_LEADER_OR_FOLLOWER
                : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    }
}
