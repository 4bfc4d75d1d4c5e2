package io.samsa.coordinator.migration;

import io.samsa.coordinator.classic.ClassicGroupContext;
import io.samsa.coordinator.consumer.ConsumerGroupContext;
import io.samsa.coordinator.consumer.TopicLookup;

/**
 * What online migration (KIP-848, between classic and consumer groups) may use of a coordinator
 * shard: both group types, their timers and in-memory parts, and the topics with their ids (the
 * classic protocol names partitions by topic name, consumer groups by topic id). The shard
 * implements it.
 *
 * <p>Not thread-safe: used on the shard's event thread.
 */
public interface MigrationContext extends ClassicGroupContext, ConsumerGroupContext {

    /** @return the topics that exist, by name and by id */
    TopicLookup topics();
}
