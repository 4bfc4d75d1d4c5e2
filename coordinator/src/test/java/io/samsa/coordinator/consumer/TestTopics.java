package io.samsa.coordinator.consumer;

import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link TopicLookup} a test changes: create topics, add partitions, delete. Not thread-safe. */
final class TestTopics implements TopicLookup {
    private final Map<String, TopicMetadata> byName = new LinkedHashMap<>();
    private long nextId = 1;

    /** @return the new topic's id */
    Uuid create(String name, int partitions) {
        Uuid id = new Uuid(0x5A45A, nextId++);
        byName.put(name, new TopicMetadata(id, name, partitions, name.startsWith("__")));
        return id;
    }

    void addPartitions(String name, int partitions) {
        TopicMetadata topic = byName.get(name);
        byName.put(name, new TopicMetadata(topic.id(), name, partitions, topic.internal()));
    }

    void delete(String name) {
        byName.remove(name);
    }

    Uuid id(String name) {
        return byName.get(name).id();
    }

    @Override
    public Optional<TopicMetadata> topic(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public Optional<TopicMetadata> topic(Uuid id) {
        return byName.values().stream().filter(topic -> topic.id().equals(id)).findFirst();
    }

    @Override
    public Collection<TopicMetadata> topics() {
        return new ArrayList<>(byName.values());
    }
}
