package io.samsa.client.admin;

import io.samsa.protocol.types.Uuid;
import java.util.List;

/** A described topic: its id and its partitions in partition order. Immutable. */
public record TopicDescription(String name, boolean internal, Uuid topicId, List<TopicPartitionInfo> partitions) {
    public TopicDescription {
        partitions = List.copyOf(partitions);
    }
}
