package io.samsa.broker.group;

import java.util.function.ToIntFunction;

/**
 * How FindCoordinator answers one key type other than groups (today: transactional ids, key type
 * 1): the key's partition of the coordinator's topic, and where that partition's coordinator
 * runs. Immutable; thread-safe when its parts are.
 *
 * @param partitionFor the key's partition, e.g. {@code abs(hash) % transaction.state.log.num.partitions}
 * @param locator      the node leading that partition
 */
public record CoordinatorKeyType(ToIntFunction<String> partitionFor, CoordinatorLocator locator) {
}
