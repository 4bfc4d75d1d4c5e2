package io.samsa.broker.transaction;

import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import java.util.function.Supplier;

/**
 * Where a transaction marker goes: the broker leading the partition now. Thread-safe
 * implementations only; read anew on every attempt, so a marker follows a leader change.
 */
@FunctionalInterface
interface PartitionLeaders {
    /** The partition exists but has no leader now: try again later. */
    int NO_LEADER = PartitionRegistration.NO_LEADER;
    /** The partition does not exist (its topic was deleted): its marker is dropped, as in Kafka. */
    int GONE = -2;

    /** @return the leader's broker id, {@link #NO_LEADER} or {@link #GONE} */
    int leaderOf(String topic, int partition);

    /** A single node leads every partition it has; the marker writer answers for a missing one. */
    static PartitionLeaders singleNode(int nodeId) {
        return (topic, partition) -> nodeId;
    }

    /** Cluster mode: the leaders of the metadata image this broker applied last. */
    static PartitionLeaders fromImage(Supplier<MetadataImage> image) {
        return (topic, partition) -> {
            TopicImage found = image.get().topic(topic);
            PartitionRegistration registration = found == null ? null : found.partition(partition);
            return registration == null ? GONE : registration.leader();
        };
    }
}
