package io.samsa.coordinator.group;

import java.util.Map;

/**
 * A group's dynamic configs (Kafka 4.x group configs such as {@code consumer.session.timeout.ms}), as
 * IncrementalAlterConfigs set them, for the coordinator to honour: the KIP-848 protocol reads its
 * session timeout and heartbeat interval per group from here. The broker implements it over its
 * group config store; the cluster work over its metadata image.
 *
 * <p>Implementations are thread-safe and do not block.
 */
@FunctionalInterface
public interface GroupConfigLookup {

    /** No group has overrides: every group runs on the broker's defaults. */
    GroupConfigLookup NONE = groupId -> Map.of();

    /** @return the group's overrides (config name to value); empty when it has none */
    Map<String, String> overrides(String groupId);
}
