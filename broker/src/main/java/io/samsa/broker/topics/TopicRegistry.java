package io.samsa.broker.topics;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every topic this broker hosts, by name and by topic id, persisted through a {@link TopicStore}.
 *
 * <p><b>Thread-safety.</b> Reads are lock-free: the topics live in an immutable {@link Snapshot}
 * published through a volatile field, so Metadata, Produce and Fetch see a consistent view without
 * contending with each other. Changes ({@link #create}, {@link #delete}, {@link #addPartitions})
 * are serialised by the registry's monitor: each builds the next snapshot, saves it durably, then
 * publishes it and tells the {@link TopicListener}s, still under the monitor so listeners see
 * changes in order. A change whose save fails is not published.
 *
 * <p>Checks and errors follow Kafka: an illegal name or one colliding with an existing topic over
 * '.' versus '_' gives INVALID_TOPIC_EXCEPTION, an existing name TOPIC_ALREADY_EXISTS, a partition
 * count below 1 (or above the configured maximum) or a shrinking one INVALID_PARTITIONS, an
 * unknown name UNKNOWN_TOPIC_OR_PARTITION and an unknown id UNKNOWN_TOPIC_ID. A creation or
 * growth that would take the broker past {@code max.broker.partitions} partitions in all (KIP-578's
 * key) is POLICY_VIOLATION; topics already stored load whatever their count.
 */
public final class TopicRegistry {
    /** Default for {@code maxPartitionsPerTopic}: bounds the log directories one request can create. */
    public static final int DEFAULT_MAX_PARTITIONS_PER_TOPIC = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(TopicRegistry.class);

    private final TopicStore store;
    private final int maxPartitionsPerTopic;
    private final int maxBrokerPartitions;
    private final List<TopicListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot;

    /**
     * Loads the topics saved in {@code store}.
     *
     * @param maxPartitionsPerTopic the most partitions a topic may have
     */
    public TopicRegistry(TopicStore store, int maxPartitionsPerTopic) {
        this(store, maxPartitionsPerTopic, Integer.MAX_VALUE);
    }

    /**
     * Loads the topics saved in {@code store}.
     *
     * @param maxPartitionsPerTopic the most partitions a topic may have
     * @param maxBrokerPartitions   the most partitions all topics together may have (max.broker.partitions)
     */
    public TopicRegistry(TopicStore store, int maxPartitionsPerTopic, int maxBrokerPartitions) {
        if (maxPartitionsPerTopic < 1) {
            throw new IllegalArgumentException("maxPartitionsPerTopic must be at least 1: " + maxPartitionsPerTopic);
        }
        if (maxBrokerPartitions < 0) {
            throw new IllegalArgumentException("maxBrokerPartitions must not be negative: " + maxBrokerPartitions);
        }
        this.store = store;
        this.maxPartitionsPerTopic = maxPartitionsPerTopic;
        this.maxBrokerPartitions = maxBrokerPartitions;
        this.snapshot = Snapshot.of(store.load());
    }

    /** Registers {@code listener} for every later change. */
    public void addListener(TopicListener listener) {
        listeners.add(listener);
    }

    /** @return the topic called {@code name} */
    public Optional<Topic> topic(String name) {
        return Optional.ofNullable(snapshot.byName.get(name));
    }

    /** @return the topic with id {@code id} */
    public Optional<Topic> topic(Uuid id) {
        return Optional.ofNullable(snapshot.byId.get(id));
    }

    /** @return every topic, sorted by name; an immutable point-in-time view */
    public Collection<Topic> topics() {
        return snapshot.byName.values();
    }

    /**
     * Checks only that {@code name} is legal, free and does not collide with an existing topic.
     *
     * @throws TopicException INVALID_TOPIC_EXCEPTION or TOPIC_ALREADY_EXISTS
     */
    public void checkNewName(String name) {
        checkNewName(snapshot, name);
    }

    /**
     * Checks that {@code name} could be created with {@code partitionCount} partitions now, without
     * creating it (CreateTopics validate_only).
     *
     * @throws TopicException INVALID_TOPIC_EXCEPTION, TOPIC_ALREADY_EXISTS or INVALID_PARTITIONS
     */
    public void checkCreate(String name, int partitionCount) {
        checkCreate(snapshot, name, partitionCount);
    }

    /**
     * Creates a topic with a fresh random id.
     *
     * @param configOverrides topic-level configs, already validated by the caller
     * @return the new topic
     * @throws TopicException as {@link #checkCreate}
     */
    public synchronized Topic create(String name, int partitionCount, Map<String, String> configOverrides) {
        Snapshot current = snapshot;
        checkCreate(current, name, partitionCount);
        Uuid id = Uuid.random();
        while (current.byId.containsKey(id)) {
            id = Uuid.random();
        }
        Topic topic = new Topic(name, id, partitionCount, configOverrides, TopicNames.isInternal(name));
        publish(current.with(topic));
        notifyListeners(listener -> listener.topicCreated(topic));
        return topic;
    }

    /**
     * Deletes the topic called {@code name}.
     *
     * @return the deleted topic
     * @throws TopicException UNKNOWN_TOPIC_OR_PARTITION
     */
    public synchronized Topic delete(String name) {
        Topic topic = snapshot.byName.get(name);
        if (topic == null) {
            throw new TopicException(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "This server does not host this topic: " + name);
        }
        return delete(topic);
    }

    /**
     * Deletes the topic with id {@code id}.
     *
     * @return the deleted topic
     * @throws TopicException UNKNOWN_TOPIC_ID
     */
    public synchronized Topic delete(Uuid id) {
        Topic topic = snapshot.byId.get(id);
        if (topic == null) {
            throw new TopicException(ErrorCode.UNKNOWN_TOPIC_ID, "This server does not host topic id " + id);
        }
        return delete(topic);
    }

    private Topic delete(Topic topic) {
        publish(snapshot.without(topic));
        notifyListeners(listener -> listener.topicDeleted(topic));
        return topic;
    }

    /**
     * Checks that {@code name} could grow to {@code newPartitionCount} partitions now, without
     * changing it (CreatePartitions validate_only).
     *
     * @return the topic as it is
     * @throws TopicException UNKNOWN_TOPIC_OR_PARTITION or INVALID_PARTITIONS
     */
    public Topic checkAddPartitions(String name, int newPartitionCount) {
        return checkAddPartitions(snapshot, name, newPartitionCount);
    }

    /**
     * Grows topic {@code name} to {@code newPartitionCount} partitions.
     *
     * @return the topic after the change
     * @throws TopicException as {@link #checkAddPartitions}
     */
    public synchronized Topic addPartitions(String name, int newPartitionCount) {
        Snapshot current = snapshot;
        Topic before = checkAddPartitions(current, name, newPartitionCount);
        Topic after = before.withPartitionCount(newPartitionCount);
        publish(current.without(before).with(after));
        notifyListeners(listener -> listener.partitionsAdded(before, after));
        return after;
    }

    /**
     * Replaces topic {@code name}'s config overrides (already validated by the caller), durably,
     * then tells the listeners (storage applies them to the open logs).
     *
     * @return the topic after the change
     * @throws TopicException UNKNOWN_TOPIC_OR_PARTITION
     */
    public synchronized Topic alterConfigs(String name, Map<String, String> overrides) {
        Snapshot current = snapshot;
        Topic before = current.byName.get(name);
        if (before == null) {
            throw new TopicException(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + name + " does not exist.");
        }
        Topic after = before.withConfigOverrides(overrides);
        publish(current.without(before).with(after));
        notifyListeners(listener -> listener.configsChanged(before, after));
        return after;
    }

    /**
     * Cluster mode: makes the registry hold {@code target} exactly as the metadata image has it
     * (its id, partition count, overrides, internal flag), without this registry's creation checks
     * (the controller made them). A topic of the same name with another id is deleted first (the
     * image deleted and re-created it); listeners are told as for the equivalent local changes.
     *
     * @return whether anything changed
     */
    public synchronized boolean applyMirrored(Topic target) {
        Topic before = snapshot.byName.get(target.name());
        if (target.equals(before)) {
            return false;
        }
        if (before != null && !before.id().equals(target.id())) {
            delete(before);
            before = null;
        }
        Snapshot current = snapshot;
        publish((before == null ? current : current.without(before)).with(target));
        Topic old = before;
        if (old == null) {
            notifyListeners(listener -> listener.topicCreated(target));
            return true;
        }
        if (target.partitionCount() > old.partitionCount()) {
            notifyListeners(listener -> listener.partitionsAdded(old, target));
        }
        if (!target.configOverrides().equals(old.configOverrides())) {
            notifyListeners(listener -> listener.configsChanged(old, target));
        }
        return true;
    }

    /**
     * Cluster mode: deletes topic {@code name} because the metadata image no longer has it.
     *
     * @return the deleted topic, or empty when the registry did not hold it
     */
    public synchronized Optional<Topic> removeMirrored(String name) {
        Topic topic = snapshot.byName.get(name);
        return topic == null ? Optional.empty() : Optional.of(delete(topic));
    }

    private void checkCreate(Snapshot current, String name, int partitionCount) {
        checkNewName(current, name);
        checkPartitionCount(partitionCount);
        checkBrokerPartitions(current, partitionCount, "create topic '" + name + "' with " + partitionCount + " partitions");
    }

    /** @param adding partitions the change adds; checked after the per-topic checks, so it is in 1..maxPartitionsPerTopic */
    private void checkBrokerPartitions(Snapshot current, int adding, String change) {
        long after = current.partitionCount + adding;
        if (after > maxBrokerPartitions) {
            throw new TopicException(ErrorCode.POLICY_VIOLATION, "Cannot " + change + ": this broker would hold " + after
                    + " partitions, above max.broker.partitions=" + maxBrokerPartitions + " (it holds "
                    + current.partitionCount + ").");
        }
    }

    private static void checkNewName(Snapshot current, String name) {
        Optional<String> invalid = TopicNames.invalidReason(name);
        if (invalid.isPresent()) {
            throw new TopicException(ErrorCode.INVALID_TOPIC_EXCEPTION, invalid.get());
        }
        if (current.byName.containsKey(name)) {
            throw new TopicException(ErrorCode.TOPIC_ALREADY_EXISTS, "Topic '" + name + "' already exists.");
        }
        for (String existing : current.byName.keySet()) {
            if (TopicNames.collide(name, existing)) {
                throw new TopicException(ErrorCode.INVALID_TOPIC_EXCEPTION,
                        "Topic '" + name + "' collides with existing topic: " + existing);
            }
        }
    }

    private Topic checkAddPartitions(Snapshot current, String name, int newPartitionCount) {
        Topic topic = current.byName.get(name);
        if (topic == null) {
            throw new TopicException(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "This server does not host this topic: " + name);
        }
        if (newPartitionCount < topic.partitionCount()) {
            throw new TopicException(ErrorCode.INVALID_PARTITIONS, "Topic currently has " + topic.partitionCount()
                    + " partitions, which is higher than the requested " + newPartitionCount + ".");
        }
        if (newPartitionCount == topic.partitionCount()) {
            throw new TopicException(ErrorCode.INVALID_PARTITIONS, "Topic already has " + topic.partitionCount()
                    + " partitions.");
        }
        checkPartitionCount(newPartitionCount);
        checkBrokerPartitions(current, newPartitionCount - topic.partitionCount(),
                "grow topic '" + name + "' from " + topic.partitionCount() + " to " + newPartitionCount + " partitions");
        return topic;
    }

    private void checkPartitionCount(int partitionCount) {
        if (partitionCount < 1) {
            throw new TopicException(ErrorCode.INVALID_PARTITIONS, "Number of partitions was set to an invalid non-positive value.");
        }
        if (partitionCount > maxPartitionsPerTopic) {
            throw new TopicException(ErrorCode.INVALID_PARTITIONS, "Number of partitions " + partitionCount
                    + " is above this broker's limit of " + maxPartitionsPerTopic + " per topic.");
        }
    }

    /** Saves {@code next} durably, then makes it visible to readers. */
    private void publish(Snapshot next) {
        store.save(next.byName.values());
        snapshot = next;
    }

    private void notifyListeners(Consumer<TopicListener> event) {
        for (TopicListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.error("topic listener {} failed", listener, e);
            }
        }
    }

    /** The immutable state readers see: the same topics indexed two ways. */
    private static final class Snapshot {
        final Map<String, Topic> byName;
        final Map<Uuid, Topic> byId;
        /** The partitions of every topic together. */
        final long partitionCount;

        private Snapshot(Map<String, Topic> byName, Map<Uuid, Topic> byId) {
            this.byName = Collections.unmodifiableMap(byName);
            this.byId = Collections.unmodifiableMap(byId);
            long total = 0;
            for (Topic topic : byName.values()) {
                total += topic.partitionCount();
            }
            this.partitionCount = total;
        }

        static Snapshot of(Collection<Topic> topics) {
            Map<String, Topic> byName = new TreeMap<>();
            Map<Uuid, Topic> byId = new HashMap<>();
            for (Topic topic : topics) {
                byName.put(topic.name(), topic);
                byId.put(topic.id(), topic);
            }
            return new Snapshot(byName, byId);
        }

        Snapshot with(Topic topic) {
            Map<String, Topic> byName = new TreeMap<>(this.byName);
            Map<Uuid, Topic> byId = new HashMap<>(this.byId);
            byName.put(topic.name(), topic);
            byId.put(topic.id(), topic);
            return new Snapshot(byName, byId);
        }

        Snapshot without(Topic topic) {
            Map<String, Topic> byName = new TreeMap<>(this.byName);
            Map<Uuid, Topic> byId = new HashMap<>(this.byId);
            byName.remove(topic.name());
            byId.remove(topic.id());
            return new Snapshot(byName, byId);
        }
    }
}
