package io.samsa.coordinator.consumer;

import io.samsa.coordinator.runtime.CoordinatorTimer;

/**
 * What the consumer-group handlers may use of a coordinator shard, and nothing more: the consumer
 * groups, the partition's timer, and a look at classic groups of the same id. The shard implements
 * it; tests may implement it over bare parts.
 *
 * <p>Not thread-safe: used on the shard's event thread.
 */
public interface ConsumerGroupContext {

    ConsumerGroupStore consumerGroups();

    CoordinatorTimer timer();

    ClassicGroupProbe classicGroups();
}
