package io.samsa.broker.data;

import io.samsa.storage.LogManager;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the log of a partition named in a request. The topic registry keeps storage in step with
 * its topics, so a partition has a log exactly when it exists; a name that is not even a valid
 * partition (null, empty, negative index) simply has none.
 *
 * <p>Thread-safe, as {@link LogManager} is.
 */
public final class PartitionLookup {
    private final Supplier<LogManager> logs;

    /** @param logs the log manager, looked up per call (it is usable only once storage started) */
    public PartitionLookup(Supplier<LogManager> logs) {
        this.logs = logs;
    }

    /** @return the partition's log, or empty when the topic or partition is unknown */
    public Optional<PartitionLog> log(String topic, int partition) {
        if (topic == null || topic.isEmpty() || partition < 0) {
            return Optional.empty();
        }
        return logs.get().getLog(new TopicPartition(topic, partition));
    }
}
