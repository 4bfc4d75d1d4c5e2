package io.samsa.broker.group;

import io.samsa.broker.topics.TopicRegistry;
import io.samsa.coordinator.consumer.TopicLookup;
import io.samsa.coordinator.offsets.TopicMetadataLookup;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The coordinator's topic lookups answered from this node's {@link TopicRegistry}: partition counts
 * for offsets, and topics with their ids for consumer groups (KIP-848). The single-node wiring,
 * until the cluster's metadata image takes over. Thread-safe: the registry is.
 */
final class RegistryTopicLookup implements TopicMetadataLookup, TopicLookup {
    private final TopicRegistry registry;

    RegistryTopicLookup(TopicRegistry registry) {
        this.registry = registry;
    }

    @Override
    public OptionalInt partitionCount(String topic) {
        return registry.topic(topic).map(io.samsa.broker.topics.Topic::partitionCount).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    @Override
    public Optional<TopicLookup.TopicMetadata> topic(String name) {
        return registry.topic(name).map(RegistryTopicLookup::toMetadata);
    }

    @Override
    public Optional<TopicLookup.TopicMetadata> topic(Uuid id) {
        return registry.topic(id).map(RegistryTopicLookup::toMetadata);
    }

    @Override
    public Collection<TopicLookup.TopicMetadata> topics() {
        List<TopicLookup.TopicMetadata> all = new ArrayList<>();
        registry.topics().forEach(topic -> all.add(toMetadata(topic)));
        return all;
    }

    private static TopicLookup.TopicMetadata toMetadata(io.samsa.broker.topics.Topic topic) {
        return new TopicLookup.TopicMetadata(topic.id(), topic.name(), topic.partitionCount(), topic.internal());
    }
}
