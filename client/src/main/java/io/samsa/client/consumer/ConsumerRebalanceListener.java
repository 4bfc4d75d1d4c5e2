package io.samsa.client.consumer;

import io.samsa.client.common.TopicPartition;
import java.util.Collection;

/**
 * Hooks around a rebalance, called on the consumer's polling thread inside {@code poll}:
 * partitions revoked before they move (commit their offsets here), assigned after the rebalance,
 * and lost when the member was dropped from the group without a chance to revoke (by default the
 * same as revoked, as in Kafka).
 */
public interface ConsumerRebalanceListener {

    /** Partitions this member gives up in an orderly rebalance; other members do not own them yet. */
    void onPartitionsRevoked(Collection<TopicPartition> partitions);

    /** Partitions newly assigned to this member (under the cooperative protocol, only the additions). */
    void onPartitionsAssigned(Collection<TopicPartition> partitions);

    /** Partitions that may already belong to another member; by default treated as revoked. */
    default void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }
}
