package io.samsa.metadata.image;

import io.samsa.protocol.types.Uuid;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The changes one batch made to one topic: the partitions it created or changed. A broker reads
 * {@link #changedPartitions()} to learn which leaderships and follower roles moved. Not
 * thread-safe; built on the applying thread, read-only once published.
 */
public final class TopicDelta {
    private final TopicImage base;
    private final String name;
    private final Uuid id;
    private final Map<Integer, PartitionRegistration> changedPartitions = new LinkedHashMap<>();

    TopicDelta(TopicImage base, String name, Uuid id) {
        this.base = base;
        this.name = name;
        this.id = id;
    }

    public String name() {
        return name;
    }

    public Uuid id() {
        return id;
    }

    /** @return whether the topic was created by this delta */
    public boolean isNew() {
        return base == null;
    }

    /** @return the partitions this delta created or changed, with their new state */
    public Map<Integer, PartitionRegistration> changedPartitions() {
        return Collections.unmodifiableMap(changedPartitions);
    }

    /** @return the partition's state including this delta's changes, or null */
    public PartitionRegistration partition(int index) {
        PartitionRegistration changed = changedPartitions.get(index);
        return changed != null || base == null ? changed : base.partition(index);
    }

    void put(int index, PartitionRegistration partition) {
        changedPartitions.put(index, partition);
    }

    TopicImage apply() {
        Map<Integer, PartitionRegistration> partitions = base == null ? new HashMap<>() : new HashMap<>(base.partitions());
        partitions.putAll(changedPartitions);
        return new TopicImage(name, id, partitions);
    }
}
