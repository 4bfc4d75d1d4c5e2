package io.samsa.broker.group;

import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.coordinator.offsets.TopicMetadataLookup;
import java.util.OptionalInt;

/**
 * The coordinator's topic lookup answered from this node's {@link TopicRegistry}: the single-node
 * wiring, until the cluster's metadata image takes over. Thread-safe: the registry is.
 */
final class RegistryTopicLookup implements TopicMetadataLookup {
    private final TopicRegistry registry;

    RegistryTopicLookup(TopicRegistry registry) {
        this.registry = registry;
    }

    @Override
    public OptionalInt partitionCount(String topic) {
        return registry.topic(topic).map(Topic::partitionCount).map(OptionalInt::of).orElse(OptionalInt.empty());
    }
}
