package io.samsa.coordinator.consumer;

import java.util.Map;

/**
 * A consumer group's dynamic configs (KIP-848's {@code consumer.session.timeout.ms} and
 * {@code consumer.heartbeat.interval.ms}, set with IncrementalAlterConfigs on a GROUP resource and
 * validated there against the broker's min/max bounds), read on every heartbeat so a change applies
 * from the member's next heartbeat. Implementations are thread-safe and do not block.
 */
@FunctionalInterface
public interface GroupOverrides {
    /** The group config naming a group's session timeout, in ms. */
    String SESSION_TIMEOUT_MS = "consumer.session.timeout.ms";
    /** The group config naming a group's heartbeat interval, in ms. */
    String HEARTBEAT_INTERVAL_MS = "consumer.heartbeat.interval.ms";

    /** No group has overrides. */
    GroupOverrides NONE = groupId -> Map.of();

    /** @return the group's configs by name; empty when it has none */
    Map<String, String> overrides(String groupId);

    /** @return the override {@code name} of {@code groupId} as an int, else {@code defaultValue} */
    default int intOf(String groupId, String name, int defaultValue) {
        String value = overrides(groupId).get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return defaultValue; // validated when set; an unreadable stored value falls back to the broker's default
        }
    }
}
