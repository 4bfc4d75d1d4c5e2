package io.samsa.coordinator.consumer;

import java.util.Locale;

/**
 * {@code group.consumer.migration.policy} (KIP-848's online migration), with Kafka's values: which
 * way a group may change protocol while it has members.
 * <ul>
 * <li>{@link #UPGRADE}: a consumer-protocol member joining a classic group converts it into a
 *     consumer group.</li>
 * <li>{@link #DOWNGRADE}: when the last consumer-protocol member leaves a consumer group whose other
 *     members speak the classic protocol, the group converts back into a classic group.</li>
 * <li>{@link #BIDIRECTIONAL} (the default) both; {@link #DISABLED} neither.</li>
 * </ul>
 * Classic members may join a consumer group that has members whatever the policy, as in Kafka.
 */
public enum MigrationPolicy {
    DISABLED, UPGRADE, DOWNGRADE, BIDIRECTIONAL;

    /** @return true when a classic group may become a consumer group */
    public boolean isUpgradeEnabled() {
        return this == UPGRADE || this == BIDIRECTIONAL;
    }

    /** @return true when a consumer group may become a classic group */
    public boolean isDowngradeEnabled() {
        return this == DOWNGRADE || this == BIDIRECTIONAL;
    }

    /**
     * @param name Kafka's value, any case: bidirectional, upgrade, downgrade or disabled
     * @throws IllegalArgumentException for any other value
     */
    public static MigrationPolicy parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ConsumerGroupConfig.MIGRATION_POLICY + ": unknown policy " + name, e);
        }
    }
}
