package io.samsa.metadata.image;

import io.samsa.metadata.records.proto.ConfigResourceType;
import java.util.Objects;

/**
 * What a dynamic config belongs to: a topic, a broker (name "" = the cluster-wide default) or a
 * group. Immutable.
 */
public record ConfigResource(ConfigResourceType type, String name) {
    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static ConfigResource topic(String topicName) {
        return new ConfigResource(ConfigResourceType.CONFIG_RESOURCE_TOPIC, topicName);
    }
}
