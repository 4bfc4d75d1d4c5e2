package io.samsa.broker.group;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.config.ConfigKey;
import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.consumer.ConsumerGroupConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the coordinator's {@link GroupCoordinatorConfig} from the broker configuration, so every
 * group limit (group.max.size, group.min/max.session.timeout.ms, offset.metadata.max.bytes, ...)
 * is the operator's broker setting. Keys the broker does not define keep the coordinator's
 * defaults. Stateless.
 */
public final class GroupCoordinatorConfigs {
    private GroupCoordinatorConfigs() {
    }

    /**
     * @param offsetsTopicPartitions the partition count of {@code __consumer_offsets} as it exists
     *                               (which wins over offsets.topic.num.partitions once created)
     * @throws IllegalArgumentException when a value is out of the coordinator's range
     */
    public static GroupCoordinatorConfig from(BrokerConfig config, int offsetsTopicPartitions) {
        Map<String, String> props = new HashMap<>();
        props.put(GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, Integer.toString(offsetsTopicPartitions));
        props.put(GroupCoordinatorConfig.OFFSETS_RETENTION_MINUTES, text(config.get(BrokerConfigKeys.OFFSETS_RETENTION_MINUTES)));
        props.put(GroupCoordinatorConfig.OFFSETS_RETENTION_CHECK_INTERVAL_MS,
                text(config.get(BrokerConfigKeys.OFFSETS_RETENTION_CHECK_INTERVAL_MS)));
        props.put(GroupCoordinatorConfig.OFFSET_METADATA_MAX_BYTES, text(config.get(BrokerConfigKeys.OFFSET_METADATA_MAX_BYTES)));
        props.put(GroupCoordinatorConfig.OFFSET_COMMIT_TIMEOUT_MS, text(config.get(BrokerConfigKeys.OFFSETS_COMMIT_TIMEOUT_MS)));
        props.put(GroupCoordinatorConfig.GROUP_MIN_SESSION_TIMEOUT_MS, text(config.get(BrokerConfigKeys.GROUP_MIN_SESSION_TIMEOUT_MS)));
        props.put(GroupCoordinatorConfig.GROUP_MAX_SESSION_TIMEOUT_MS, text(config.get(BrokerConfigKeys.GROUP_MAX_SESSION_TIMEOUT_MS)));
        props.put(GroupCoordinatorConfig.GROUP_INITIAL_REBALANCE_DELAY_MS,
                text(config.get(BrokerConfigKeys.GROUP_INITIAL_REBALANCE_DELAY_MS)));
        props.put(GroupCoordinatorConfig.GROUP_MAX_SIZE, text(config.get(BrokerConfigKeys.GROUP_MAX_SIZE)));
        props.put(GroupCoordinatorConfig.GROUP_SYNC_GRACE_MS, text(config.get(BrokerConfigKeys.GROUP_CLASSIC_SYNC_GRACE_MS)));
        props.put(GroupCoordinatorConfig.COORDINATOR_THREADS, text(config.get(BrokerConfigKeys.GROUP_COORDINATOR_THREADS)));
        props.put(ConsumerGroupConfig.SESSION_TIMEOUT_MS, text(config.get(BrokerConfigKeys.GROUP_CONSUMER_SESSION_TIMEOUT_MS)));
        props.put(ConsumerGroupConfig.HEARTBEAT_INTERVAL_MS, text(config.get(BrokerConfigKeys.GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS)));
        props.put(ConsumerGroupConfig.MAX_SIZE, text(config.get(BrokerConfigKeys.GROUP_CONSUMER_MAX_SIZE)));
        props.put(ConsumerGroupConfig.ASSIGNORS, String.join(",", config.get(BrokerConfigKeys.GROUP_CONSUMER_ASSIGNORS)));
        props.put(ConsumerGroupConfig.MIGRATION_POLICY, config.get(BrokerConfigKeys.GROUP_CONSUMER_MIGRATION_POLICY));
        // One operation's records form one batch of the offsets topic, so they obey the batch limit.
        props.put(GroupCoordinatorConfig.MAX_WRITE_BYTES, text(config.get(BrokerConfigKeys.MESSAGE_MAX_BYTES)));
        requireWithin(config, BrokerConfigKeys.GROUP_CONSUMER_SESSION_TIMEOUT_MS, BrokerConfigKeys.GROUP_CONSUMER_MIN_SESSION_TIMEOUT_MS,
                BrokerConfigKeys.GROUP_CONSUMER_MAX_SESSION_TIMEOUT_MS);
        requireWithin(config, BrokerConfigKeys.GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS,
                BrokerConfigKeys.GROUP_CONSUMER_MIN_HEARTBEAT_INTERVAL_MS, BrokerConfigKeys.GROUP_CONSUMER_MAX_HEARTBEAT_INTERVAL_MS);
        return GroupCoordinatorConfig.fromProperties(props);
    }

    /** As Kafka at startup: a consumer-group default outside its own min/max bounds is a configuration error. */
    private static void requireWithin(BrokerConfig config, ConfigKey<Integer> key, ConfigKey<Integer> min, ConfigKey<Integer> max) {
        int value = config.get(key);
        if (value < config.get(min) || value > config.get(max)) {
            throw new IllegalArgumentException(key.name() + " (" + value + ") must be within " + min.name() + " ("
                    + config.get(min) + ") and " + max.name() + " (" + config.get(max) + ")");
        }
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }
}
