package io.samsa.broker.topics;

import io.samsa.storage.LogManager;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.util.function.Predicate;

/**
 * Keeps storage in step with the registry: opens a log for every partition of a created topic and
 * of added partitions it is told to open (on a single node: every one; in cluster mode: none, the
 * replica roles the metadata image assigns open the logs of the partitions placed here), and
 * deletes every partition log of a deleted topic. Register it with
 * {@link TopicRegistry#addListener} before serving requests; it runs on the changing thread, so a
 * CreateTopics response is sent only after the logs exist.
 *
 * <p>Thread-safe as {@link LogManager} is (its create and delete are synchronized).
 */
public final class PartitionLogsListener implements TopicListener {
    private final LogManager logs;
    private final Predicate<TopicPartition> opensLog;

    /** A single node: opens the log of every partition. */
    public PartitionLogsListener(LogManager logs) {
        this(logs, partition -> true);
    }

    /** @param opensLog whether this listener opens the log of a partition (must not block) */
    public PartitionLogsListener(LogManager logs, Predicate<TopicPartition> opensLog) {
        this.logs = logs;
        this.opensLog = opensLog;
    }

    /**
     * Brings storage in line with the registry at start-up, after {@link LogManager#startup}: a
     * crash between a registry save and the listener call can leave logs of a deleted topic
     * (deleted here) or a created topic without logs (opened here).
     *
     * @return how many logs were deleted plus opened
     */
    public int reconcile(TopicRegistry registry) {
        int changed = 0;
        for (PartitionLog log : logs.allLogs()) {
            TopicPartition partition = log.topicPartition();
            boolean known = registry.topic(partition.topic())
                    .map(topic -> partition.partition() < topic.partitionCount())
                    .orElse(false);
            if (!known && logs.deleteLog(partition)) {
                changed++;
            }
        }
        for (Topic topic : registry.topics()) {
            for (int partition = 0; partition < topic.partitionCount(); partition++) {
                TopicPartition topicPartition = new TopicPartition(topic.name(), partition);
                if (logs.getLog(topicPartition).isEmpty() && opensLog.test(topicPartition)) {
                    logs.getOrCreateLog(topicPartition);
                    changed++;
                }
            }
        }
        return changed;
    }

    @Override
    public void topicCreated(Topic topic) {
        openPartitions(topic.name(), 0, topic.partitionCount());
    }

    @Override
    public void partitionsAdded(Topic before, Topic after) {
        openPartitions(after.name(), before.partitionCount(), after.partitionCount());
    }

    @Override
    public void configsChanged(Topic before, Topic after) {
        logs.reloadTopicConfig(after.name());
    }

    @Override
    public void topicDeleted(Topic topic) {
        for (int partition = 0; partition < topic.partitionCount(); partition++) {
            logs.deleteLog(new TopicPartition(topic.name(), partition));
        }
    }

    private void openPartitions(String topic, int fromPartition, int toPartitionExclusive) {
        for (int partition = fromPartition; partition < toPartitionExclusive; partition++) {
            TopicPartition topicPartition = new TopicPartition(topic, partition);
            if (opensLog.test(topicPartition)) {
                logs.getOrCreateLog(topicPartition);
            }
        }
    }
}
