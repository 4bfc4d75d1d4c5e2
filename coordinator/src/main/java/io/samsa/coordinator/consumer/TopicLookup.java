package io.samsa.coordinator.consumer;

import io.samsa.protocol.types.Uuid;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The topics a consumer group may subscribe to, as the coordinator needs them without depending on
 * the broker: by name (subscriptions), by id (assignments and owned partitions) and all of them
 * (regular expressions). The single-node broker answers from its topic registry, a cluster from
 * its metadata image.
 *
 * <p>Implementations are thread-safe and do not block: they read an in-memory view.
 */
public interface TopicLookup {

    /** No topics at all: for tests of groups that subscribe to nothing. */
    TopicLookup NONE = new TopicLookup() {
        @Override
        public Optional<TopicMetadata> topic(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<TopicMetadata> topic(Uuid id) {
            return Optional.empty();
        }

        @Override
        public Collection<TopicMetadata> topics() {
            return List.of();
        }
    };

    /**
     * One topic.
     *
     * @param internal true for the broker's own topics ({@code __consumer_offsets}), which regular
     *                 expressions never match
     */
    record TopicMetadata(Uuid id, String name, int partitionCount, boolean internal) {
    }

    Optional<TopicMetadata> topic(String name);

    Optional<TopicMetadata> topic(Uuid id);

    /** @return every topic (a snapshot or a thread-safe view) */
    Collection<TopicMetadata> topics();
}
