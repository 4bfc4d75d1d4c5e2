package io.samsa.metadata.image;

import io.samsa.protocol.types.Uuid;
import java.util.Map;
import java.util.Objects;

/**
 * A topic and its partitions, by partition index. Immutable: a change builds a new TopicImage
 * that copies only this topic's partition map.
 */
public record TopicImage(String name, Uuid id, Map<Integer, PartitionRegistration> partitions) {
    public TopicImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        partitions = Map.copyOf(partitions);
    }

    /** @return the partition with this index, or null */
    public PartitionRegistration partition(int index) {
        return partitions.get(index);
    }
}
