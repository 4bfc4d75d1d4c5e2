package io.samsa.broker.cluster;

import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicNames;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.TopicDelta;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.records.proto.ConfigResourceType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cluster mode: keeps the local {@link TopicRegistry} a mirror of the metadata image, which is the
 * truth. Created topics (with the image's topic id, partition count, topic configs and Kafka's
 * internal flag), added partitions and config changes go in through
 * {@link TopicRegistry#applyMirrored}; deleted topics leave through
 * {@link TopicRegistry#removeMirrored}; {@link #reconcile} drops what the registry kept from before
 * a restart that the caught-up image no longer has. Called on the metadata applying thread only.
 */
final class TopicMirror {
    private final TopicRegistry registry;

    TopicMirror(TopicRegistry registry) {
        this.registry = registry;
    }

    /** Applies the topics {@code delta} created or changed, and their config changes. */
    void applyChanges(MetadataDelta delta, MetadataImage image) {
        Set<String> names = new LinkedHashSet<>();
        for (TopicDelta topic : delta.changedTopics().values()) {
            names.add(topic.name());
        }
        for (ConfigResource resource : delta.changedConfigs().keySet()) {
            if (resource.type() == ConfigResourceType.CONFIG_RESOURCE_TOPIC) {
                names.add(resource.name());
            }
        }
        for (String name : names) {
            TopicImage topic = image.topic(name);
            if (topic != null && !topic.partitions().isEmpty()) {
                registry.applyMirrored(topic(image, topic));
            }
        }
    }

    /** Removes the topics {@code delta} deleted (unless one of the same name replaced it). */
    void applyDeletions(MetadataDelta delta, MetadataImage image) {
        for (TopicImage deleted : delta.deletedTopics().values()) {
            boolean sameTopic = registry.topic(deleted.name()).map(t -> t.id().equals(deleted.id())).orElse(false);
            if (sameTopic && image.topic(deleted.name()) == null) {
                registry.removeMirrored(deleted.name());
            }
        }
    }

    /**
     * Drops every registry topic the image does not have under the same name and id (deleted, or
     * deleted and re-created, while this broker was down).
     *
     * @return the names dropped
     */
    List<String> reconcile(MetadataImage image) {
        List<String> dropped = new ArrayList<>();
        for (Topic topic : registry.topics()) {
            TopicImage current = image.topic(topic.id());
            if (current == null || !current.name().equals(topic.name())) {
                registry.removeMirrored(topic.name());
                dropped.add(topic.name());
            }
        }
        return dropped;
    }

    /** @return the registry's view of an image topic */
    static Topic topic(MetadataImage image, TopicImage topic) {
        return new Topic(topic.name(), topic.id(), topic.partitions().size(),
                image.configs(ConfigResource.topic(topic.name())), TopicNames.isInternal(topic.name()));
    }
}
