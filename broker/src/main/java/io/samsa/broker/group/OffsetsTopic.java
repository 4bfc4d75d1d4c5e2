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
 * A coordinator's internal topic as its module needs it: created at start-up when missing
 * (compacted), and each partition's log. {@code __consumer_offsets} by default (with
 * offsets.topic.segment.bytes segments); the transaction module uses it for
 * {@code __transaction_state}. The
 * registry's listener opens the partition logs when the topic is created, as for any topic.
 *
 * <p>Thread-safe as the registry and the log manager are.
 */
public final class OffsetsTopic {
    public static final String NAME = TopicNames.CONSUMER_OFFSETS;

    private static final Logger LOG = LoggerFactory.getLogger(OffsetsTopic.class);

    private final String name;
    private final TopicRegistry registry;
    private final Supplier<LogManager> logs;

    /** @param logs the log manager, read only after storage has started */
    public OffsetsTopic(TopicRegistry registry, Supplier<LogManager> logs) {
        this(NAME, registry, logs);
    }

    /** @param name the internal topic's name */
    public OffsetsTopic(String name, TopicRegistry registry, Supplier<LogManager> logs) {
        this.name = name;
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
    public int ensureCreated(int partitionCount, int segmentBytes) {
        return ensureCreated(partitionCount, Map.of("cleanup.policy", "compact", "segment.bytes", Integer.toString(segmentBytes)));
    }

    /**
     * As {@link #ensureCreated(int, int)}, with the new topic's configs given whole.
     *
     * @param configs the topic configs of a new topic (cleanup.policy=compact and its segment size)
     */
    public synchronized int ensureCreated(int partitionCount, Map<String, String> configs) {
        Topic existing = registry.topic(name).orElse(null);
        if (existing != null) {
            if (existing.partitionCount() != partitionCount) {
                LOG.warn("{} has {} partitions; the configured {} apply only when it is created",
                        name, existing.partitionCount(), partitionCount);
            }
            return existing.partitionCount();
        }
        Topic created = registry.create(name, partitionCount, configs);
        LOG.info("Created {} with {} partitions", name, created.partitionCount());
        return created.partitionCount();
    }

    /** @return the topic's partition count, or empty when it does not exist */
    public java.util.OptionalInt existingPartitionCount() {
        return registry.topic(name).map(topic -> java.util.OptionalInt.of(topic.partitionCount())).orElse(java.util.OptionalInt.empty());
    }

    /** @return the log of partition {@code index}, or null when storage has none */
    public PartitionLog partition(int index) {
        return logs.get().getLog(new TopicPartition(name, index)).orElse(null);
    }
}
