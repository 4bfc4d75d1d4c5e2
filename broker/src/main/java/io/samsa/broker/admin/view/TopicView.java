package io.samsa.broker.admin.view;

import io.samsa.protocol.types.Uuid;
import java.util.List;

/**
 * One topic as Metadata reports it. Immutable.
 *
 * @param name       the topic name
 * @param id         the topic id
 * @param internal   whether it is an internal topic ({@code __consumer_offsets}, ...)
 * @param partitions the partitions, by index
 */
public record TopicView(String name, Uuid id, boolean internal, List<PartitionView> partitions) {
    public TopicView {
        partitions = List.copyOf(partitions);
    }
}
