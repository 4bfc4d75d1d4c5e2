package io.samsa.broker.group;

import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicNames;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.storage.LogManager;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code __consumer_offsets} topic as the group module needs it: created at start-up when
 * missing (compacted, with offsets.topic.segment.bytes segments), and each partition's log. The
 * registry's listener opens the partition logs when the topic is created, as for any topic.
 *
 * <p>Thread-safe as the registry and the log manager are.
 */
public final class OffsetsTopic {
    public static final String NAME = TopicNames.CONSUMER_OFFSETS;

    private static final Logger LOG = LoggerFactory.getLogger(OffsetsTopic.class);

    private final TopicRegistry registry;
    private final Supplier<LogManager> logs;

    /** @param logs the log manager, read only after storage has started */
    public OffsetsTopic(TopicRegistry registry, Supplier<LogManager> logs) {
        this.registry = registry;
        this.logs = logs;
    }

    /**
     * Creates the topic unless it exists. An existing topic keeps its partition count, whatever the
     * configuration says now: the group-to-partition mapping depends on it.
     *
     * @param partitionCount offsets.topic.num.partitions, for a new topic
     * @param segmentBytes   offsets.topic.segment.bytes, for a new topic
     * @return the topic's partition count
     */
    public synchronized int ensureCreated(int partitionCount, int segmentBytes) {
        Topic existing = registry.topic(NAME).orElse(null);
        if (existing != null) {
            if (existing.partitionCount() != partitionCount) {
                LOG.warn("{} has {} partitions; offsets.topic.num.partitions={} applies only when it is created",
                        NAME, existing.partitionCount(), partitionCount);
            }
            return existing.partitionCount();
        }
        Topic created = registry.create(NAME, partitionCount,
                Map.of("cleanup.policy", "compact", "segment.bytes", Integer.toString(segmentBytes)));
        LOG.info("Created {} with {} partitions", NAME, created.partitionCount());
        return created.partitionCount();
    }

    /** @return the log of partition {@code index}, or null when storage has none */
    public PartitionLog partition(int index) {
        return logs.get().getLog(new TopicPartition(NAME, index)).orElse(null);
    }
}
